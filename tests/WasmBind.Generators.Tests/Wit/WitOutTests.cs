using WasmBind.Generators.Tests.Verifiers;
using Xunit;

namespace WasmBind.Generators.Tests.Wit;

/// <summary>WIT out: the WIT text the generator compiles into an assembly for its binding interfaces.</summary>
public sealed class WitOutTests
{
    [Fact]
    public void Two_different_types_with_one_WIT_name_are_each_defined_in_their_own_interface()
    {
        var wit = WitTestDriver.WitOf(TestSetup.Usings + """
            namespace Demo
            {
                namespace Orders { public record Item(string Name, int Count); }
                namespace Catalog { public record Item(string Name, double Price); }

                [WasmExports]
                public partial interface IAOrders { int Total(Orders.Item[] items); }

                [WasmExports]
                public partial interface IBCatalog { double Price(Catalog.Item item); }
            }
            """);

        Assert.NotNull(wit);
        wit = wit.Replace("\r\n", "\n");
        // The catalog's item is not the orders' one: it must not be `use`d from there.
        Assert.DoesNotContain("use ", wit, StringComparison.Ordinal);
        Assert.Contains("record item {\n        name: string,\n        count: s32,\n    }", wit, StringComparison.Ordinal);
        Assert.Contains("record item {\n        name: string,\n        price: f64,\n    }", wit, StringComparison.Ordinal);
    }

    [Fact]
    public void An_imports_and_an_exports_interface_become_a_world_of_the_assembly()
    {
        var wit = WitTestDriver.WitOf(TestSetup.Usings + """
            namespace Demo;
            public enum Level : byte { Debug, Info, Error }
            [Flags] public enum Caps : byte { None = 0, Read = 1, Write = 2, Exec = 4 }
            public record struct Point(int X, int Y);
            public record Shape(Level Kind, Point Origin, double? Scale);

            [WasmImports("env")]
            public partial interface IHostLog
            {
                void Log(Level level, string message);
                Caps Permissions();
            }

            [WasmExports]
            public partial interface IGreeter
            {
                string Greet(string name);
                [WasmName("compute-hash")] long Hash(ReadOnlySpan<byte> data);
                Task<Shape> MoveAsync(Shape shape, Point by, CancellationToken cancellationToken);
            }
            """);

        Assert.Equal("""
            package wasmbind:binding-tests;

            interface greeter {
                enum level {
                    debug,
                    info,
                    error,
                }

                record point {
                    x: s32,
                    y: s32,
                }

                record shape {
                    kind: level,
                    origin: point,
                    scale: option<f64>,
                }

                greet: func(name: string) -> string;
                compute-hash: func(data: list<u8>) -> s64;
                move: func(shape: shape, by: point) -> shape;
            }

            interface host-log {
                use greeter.{level};

                flags caps {
                    read,
                    write,
                    exec,
                }

                log: func(level: level, message: string);
                permissions: func() -> caps;
            }

            world binding-tests {
                import host-log;
                export greeter;
            }

            """.ReplaceLineEndings("\n"), wit);
    }

    [Fact]
    public void Component_model_core_names_and_WasmWorld_name_the_package_interfaces_and_world()
    {
        var wit = WitTestDriver.WitOf(TestSetup.Usings + """
            namespace Demo;
            [WasmImports("acme:plugins/host"), WasmWorld("acme:plugins/text-plugin")]
            public partial interface IHost
            {
                void Log(string message);
            }

            [WasmExports, WasmWorld("acme:plugins/text-plugin")]
            public partial interface IPlugin
            {
                [WasmName("acme:plugins/plugin#word-count")] uint WordCount(string text);
            }
            """);

        Assert.Equal("""
            package acme:plugins;

            interface host {
                log: func(message: string);
            }

            interface plugin {
                word-count: func(text: string) -> u32;
            }

            world text-plugin {
                import host;
                export plugin;
            }

            """.ReplaceLineEndings("\n"), wit);
    }

    [Fact]
    public void An_enum_with_explicit_values_travels_as_its_integer()
    {
        // Only members 0..n-1 make a WIT enum; Status { Ok = 200 } is its underlying integer to the guest.
        var wit = WitTestDriver.WitOf(TestSetup.Usings + """
            namespace Demo;
            public enum Mode { Off, On }
            public enum Status { Ok = 200, NotFound = 404 }
            [WasmExports] public partial interface IGuest { void Set(Mode mode, Status status); }
            """);

        Assert.Contains("set: func(mode: mode, status: s32);", wit, StringComparison.Ordinal);
        Assert.Contains("enum mode", wit, StringComparison.Ordinal);
        Assert.DoesNotContain("enum status", wit, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_build_property_no_WIT_is_generated()
    {
        var (result, _) = WitTestDriver.Run([], TestSetup.Usings + "[WasmExports] public partial interface IGuest { int Add(int a, int b); }");
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "IGuest.g.cs");

        var off = WitTestDriver.CreateDriver([], witOut: false).RunGenerators(
            GeneratorDriverRunner.Compile(TestSetup.Usings + "[WasmExports] public partial interface IGuest { int Add(int a, int b); }"));
        Assert.DoesNotContain(off.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "WasmBind.Wit.g.cs");
    }

    [Fact]
    public void The_generated_attribute_compiles_warning_free()
    {
        var (_, output) = WitTestDriver.Run([], TestSetup.Usings + """
            [WasmExports] public partial interface IGuest { string Say(string text); }
            """);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }
}
