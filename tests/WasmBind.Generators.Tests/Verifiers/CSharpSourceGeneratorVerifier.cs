using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace WasmBind.Generators.Tests.Verifiers;

/// <summary>
/// Runs <see cref="WasmBindGenerator"/> over marked-up source with Microsoft.CodeAnalysis.Testing:
/// <c>{|WB2001:text|}</c> expects that diagnostic on exactly <c>text</c>. Anything reported that is not marked —
/// a generator diagnostic, a compiler error or warning in the test source or in the generated code, a generator
/// exception (CS8785) — fails the test, as does a marked diagnostic that is not reported.
/// </summary>
internal static class CSharpSourceGeneratorVerifier
{
    /// <summary>The marked diagnostics, and nothing else, after generation; the generated text itself is not compared.</summary>
    public static Task VerifyDiagnosticsAsync(string markup, params DiagnosticResult[] expected) =>
        VerifyDiagnosticsAsync(markup, globalConfig: null, expected);

    /// <summary>
    /// As <see cref="VerifyDiagnosticsAsync(string, DiagnosticResult[])"/>, with <paramref name="globalConfig"/> (the
    /// lines of a global .editorconfig, e.g. <c>build_property.X = true</c>) as the build's options.
    /// </summary>
    public static Task VerifyDiagnosticsAsync(string markup, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = CreateTest();
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.TestState.Sources.Add(markup);
        if (globalConfig is not null) test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Generation produces exactly <paramref name="expected"/> (hint name and text) and no diagnostic, and the output
    /// compiles with no warning.
    /// </summary>
    public static Task VerifyGeneratedSourcesAsync(string source, IEnumerable<(string HintName, string Text)> expected)
    {
        var test = CreateTest();
        test.TestState.Sources.Add(source);
        foreach (var (hintName, text) in expected)
            test.TestState.GeneratedSources.Add((typeof(WasmBindGenerator), hintName, text));
        return test.RunAsync();
    }

    private static CSharpSourceGeneratorTest<WasmBindGenerator, DefaultVerifier> CreateTest()
    {
        var test = new CSharpSourceGeneratorTest<WasmBindGenerator, DefaultVerifier>
        {
            // Generated code must be warning-free with nullable on, not only error-free.
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        TestSetup.Configure(test);
        return test;
    }
}
