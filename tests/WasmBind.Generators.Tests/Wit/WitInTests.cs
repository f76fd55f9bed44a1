using Microsoft.CodeAnalysis;
using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests.Wit;

/// <summary>WIT in: a .wit AdditionalFiles item becomes C# interfaces with their bindings, and its errors are diagnostics in the .wit.</summary>
public sealed class WitInTests
{
    /// <summary>A world of the shapes the bindings carry today, written in WIT out's canonical layout.</summary>
    internal const string ScalarWorld = """
        package acme:sensors;

        interface device {
            flags caps {
                read,
                calibrate,
                reset,
            }

            enum unit {
                celsius,
                fahrenheit,
            }

            record reading {
                sensor: u16,
                value: f64,
                unit: unit,
                quality: option<u8>,
            }

            name: func() -> string;
            capabilities: func() -> caps;
            sample: func(sensor: u16, unit: unit) -> reading;
            calibrate: func(offset: f32, marker: char) -> option<s32>;
        }

        interface host {
            use device.{reading};

            log: func(message: string);
            publish: func(reading: reading) -> bool;
        }

        world sensor {
            import host;
            export device;
        }

        """;

    [Fact]
    public void A_wit_file_generates_interfaces_types_and_bindings_that_compile_warning_free()
    {
        var (result, output) = WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/sensor.wit", ScalarWorld)], "namespace Other; public class C { }");

        var run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        var hints = run.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["WasmBind.Wit.g.cs", "Wit.sensor.Acme.Sensors.IDevice.g.cs", "Wit.sensor.Acme.Sensors.IHost.g.cs", "Wit.sensor.g.cs"], hints);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var declarations = run.GeneratedSources.Single(s => s.HintName == "Wit.sensor.g.cs").SourceText.ToString();
        Assert.Contains("public sealed record Reading(ushort Sensor, double Value, global::Acme.Sensors.Unit Unit, byte? Quality);", declarations, StringComparison.Ordinal);
        Assert.Contains("[global::WasmBind.WasmImports(\"acme:sensors/host\")]", declarations, StringComparison.Ordinal);
        Assert.Contains("[global::WasmBind.WasmName(\"acme:sensors/device#sample\")]", declarations, StringComparison.Ordinal);
        Assert.Contains("global::Acme.Sensors.Reading Sample(ushort sensor, global::Acme.Sensors.Unit unit);", declarations, StringComparison.Ordinal);

        // The bindings are there: AddTo for the host, Bind for the guest.
        var host = run.GeneratedSources.Single(s => s.HintName == "Wit.sensor.Acme.Sensors.IHost.g.cs").SourceText.ToString();
        Assert.Contains("public static void AddTo(", host, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trip_WIT_to_CSharp_to_WIT_gives_the_same_world()
    {
        var run = WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/sensor.wit", ScalarWorld)], "namespace Other; public class C { }").Result.Results.Single();
        var declarations = run.GeneratedSources.Single(s => s.HintName == "Wit.sensor.g.cs").SourceText.ToString();

        // The generated C# as a user would write it by hand: WIT out of it is the WIT we started from.
        var wit = WitTestDriver.WitOf(declarations);
        Assert.Equal(ScalarWorld.ReplaceLineEndings("\n"), wit);
    }

    [Theory]
    [InlineData("package a:b;\ninterface x {\n    f: func(a: u32) -> ;\n}\n", 3, 24, "expected a type, found ';'")]
    [InlineData("package a:b;\ninterface x {\n    record r {\n        a: u32\n        b: u32,\n    }\n}\n", 5, 9, "expected '}' or ',' after a record field, found 'b'")]
    [InlineData("package a:b;\ninterface x {\n    f: func(Bad_Name: u32);\n}\n", 3, 13, "'Bad_Name' is not a valid WIT identifier")]
    [InlineData("interface x {}\n", 1, 1, "expected 'package namespace:name;' first")]
    [InlineData("package a:b;\ninterface x {\n    f: func() -> u32;\n", 4, 1, "expected '}' to close interface 'x'")]
    [InlineData("package a:b;\n/* not closed\ninterface x {}\n", 2, 1, "the comment is not closed")]
    public void A_syntax_error_is_WB2050_at_its_line_and_column(string wit, int line, int column, string message)
    {
        var diagnostic = Assert.Single(Diagnostics(wit));
        Assert.Equal("WB2050", diagnostic.Id);
        AssertAt(diagnostic, line, column);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package a:b;\ninterface x {\n    resource file;\n}\n", 3, 5, "resources")]
    [InlineData("package a:b;\ninterface x {\n    f: func(h: borrow<y>);\n}\n", 3, 16, "resource handles")]
    [InlineData("package a:b;\ninterface x {\n    f: func(h: option<option<u8>>);\n}\n", 3, 23, "option<option<T>>")]
    [InlineData("package a:b;\nworld w {\n    import f: func();\n}\n", 3, 15, "functions directly in a world")]
    [InlineData("package a:b;\nworld w {\n    import wasi:io/streams;\n}\n", 3, 17, "another package's interface")]
    [InlineData("package a:b;\ninterface x {\n    f: func(a: u32) -> (b: u32);\n}\n", 3, 24, "named results")]
    public void A_construct_outside_the_subset_is_WB2051_where_it_is(string wit, int line, int column, string message)
    {
        var diagnostic = Assert.Single(Diagnostics(wit));
        Assert.Equal("WB2051", diagnostic.Id);
        AssertAt(diagnostic, line, column);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package a:b;\ninterface x {\n    f: func(a: thing);\n}\n", 3, 16, "unknown type 'thing'")]
    [InlineData("package a:b;\ninterface x {\n    use y.{t};\n}\n", 3, 9, "uses 'y', which this file does not define")]
    [InlineData("package a:b;\ninterface x {\n    enum e { a }\n    enum e { b }\n}\n", 4, 10, "'e' is defined twice")]
    [InlineData("package a:b;\ninterface x {\n    enum e { a }\n}\ninterface y {\n    enum e { b }\n}\n", 6, 10, "would be the C# type 'E'")]
    [InlineData("package a:b;\nworld w {\n    export nothing;\n}\n", 3, 12, "names interface 'nothing'")]
    public void A_name_error_is_WB2052_where_the_name_is(string wit, int line, int column, string message)
    {
        var diagnostic = Assert.Single(Diagnostics(wit));
        Assert.Equal("WB2052", diagnostic.Id);
        AssertAt(diagnostic, line, column);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_CSharp_forbids_or_reserves_are_renamed_and_compile()
    {
        const string wit = """
            package a:b;

            interface x {
                record name {
                    name: string,
                }

                flags opts {
                    none,
                    fast,
                }

                variant error {
                    error(string),
                    other,
                }

                f: func(class: name, opts: opts) -> error;
            }

            world w {
                export x;
            }
            """;
        var (result, output) = WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/x.wit", wit)], "class C { }");

        Assert.Empty(result.Results.Single().Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var declarations = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Wit.x.g.cs").SourceText.ToString();
        Assert.Contains("public sealed record Name(string NameValue);", declarations, StringComparison.Ordinal);
        Assert.Contains("NoneValue = 1 << 0,", declarations, StringComparison.Ordinal);
        Assert.Contains("public sealed record ErrorValue(string Value) : Error;", declarations, StringComparison.Ordinal);
        Assert.Contains("global::A.B.Error F(global::A.B.Name @class, global::A.B.Opts opts);", declarations, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_an_error_generates_no_CSharp()
    {
        var run = WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/bad.wit", "package a:b;\ninterface x {\n")], "class C { }").Result.Results.Single();
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName.StartsWith("Wit.", StringComparison.Ordinal));
    }

    [Fact]
    public void WasmBindNamespace_metadata_names_the_namespace()
    {
        var options = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["/p/sensor.wit"] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.WasmBindNamespace"] = "MyApp.Contracts" },
        };
        var driver = WitTestDriver.CreateDriver([new WitTestDriver.InMemoryText("/p/sensor.wit", ScalarWorld)], fileOptions: options)
            .RunGenerators(GeneratorDriverRunner.Compile("class C { }"));
        var declarations = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Wit.sensor.g.cs").SourceText.ToString();
        Assert.Contains("namespace MyApp.Contracts", declarations, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Diagnostic> Diagnostics(string wit) =>
        WitTestDriver.Run([new WitTestDriver.InMemoryText("/p/x.wit", wit)], "class C { }").Result.Results.Single().Diagnostics;

    private static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/p/x.wit", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }
}
