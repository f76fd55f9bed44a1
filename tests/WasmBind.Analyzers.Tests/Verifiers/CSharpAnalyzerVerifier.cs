using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace WasmBind.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs one analyzer over marked-up source with Microsoft.CodeAnalysis.Testing: <c>[|text|]</c> expects the
/// analyzer's rule on exactly <c>text</c>, <c>{|WB1001:text|}</c> names the id. Anything the analyzer reports that
/// is not marked, or marked and not reported, fails the test, as does a compiler error in the source.
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies <paramref name="markup"/> (after <see cref="TestSetup.Usings"/>) in a file named <paramref name="path"/>.</summary>
    public static Task VerifyAnalyzerAsync(string markup, LanguageVersion languageVersion = LanguageVersion.Latest, string path = "/0/Test0.cs")
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        TestSetup.Configure(test, languageVersion);
        test.TestState.Sources.Add((path, TestSetup.Usings + markup));
        return test.RunAsync();
    }
}
