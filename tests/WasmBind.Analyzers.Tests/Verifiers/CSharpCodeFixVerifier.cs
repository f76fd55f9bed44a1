using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace WasmBind.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs an analyzer and its code fix with Microsoft.CodeAnalysis.Testing: the marked diagnostics must be reported,
/// fixing them one at a time and with Fix All must give <c>fixedSource</c>, and the fixed source must compile with
/// no diagnostic from any WasmBind analyzer.
/// </summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Fixes <paramref name="markup"/> into <paramref name="fixedSource"/>, one diagnostic at a time and with Fix All
    /// (into <paramref name="batchFixedSource"/> when the two differ).
    /// </summary>
    public static async Task VerifyCodeFixAsync(
        string markup, string fixedSource, LanguageVersion languageVersion = LanguageVersion.Latest, string? batchFixedSource = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestSetup.Usings + markup,
            FixedCode = TestSetup.Usings + fixedSource,
        };
        if (batchFixedSource is not null) test.BatchFixedCode = TestSetup.Usings + batchFixedSource;
        TestSetup.Configure(test, languageVersion);
        await test.RunAsync();
        await VerifyCleanAsync(fixedSource, languageVersion);
        if (batchFixedSource is not null) await VerifyCleanAsync(batchFixedSource, languageVersion);
    }

    /// <summary>The marked diagnostics are reported and the fix offers nothing for any of them.</summary>
    public static Task VerifyNoCodeFixAsync(string markup)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestSetup.Usings + markup,
            FixedCode = TestSetup.Usings + markup,
        };
        TestSetup.Configure(test);
        return test.RunAsync();
    }

    /// <summary>No WasmBind analyzer reports anything in <paramref name="source"/>, and it compiles.</summary>
    private static Task VerifyCleanAsync(string source, LanguageVersion languageVersion)
    {
        var test = new AllAnalyzersTest();
        TestSetup.Configure(test, languageVersion);
        test.TestState.Sources.Add(TestSetup.Usings + source);
        return test.RunAsync();
    }

    private sealed class AllAnalyzersTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => TestSetup.AllAnalyzers;
    }
}
