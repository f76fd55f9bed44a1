using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WasmBind.Analyzers.Benchmarks;

/// <summary>
/// A synthetic project shaped like a large embedding of the runtime: many classes of methods that call WebAssembly
/// synchronously and asynchronously, take spans over memory, start tasks and threads, and define host functions,
/// mixed with ordinary code that never touches the runtime. About one method in six has a mistake a rule reports.
/// </summary>
public static class GeneratedProject
{
    public const int MethodsPerClass = 50;

    public static CSharpCompilation Create(int methods)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        for (var c = 0; c * MethodsPerClass < methods; c++)
            trees.Add(CSharpSyntaxTree.ParseText(Class(c, Math.Min(MethodsPerClass, methods - c * MethodsPerClass)), parseOptions, path: $"Plugin{c}.cs"));
        return CSharpCompilation.Create(
            "LargeEmbedding", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        return platform
            .Where(p => p.StartsWith(runtimeDirectory, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(WasmBind.Store).Assembly.Location))
            .ToImmutableArray();
    }

    private static string Class(int index, int methods)
    {
        var text = new StringBuilder();
        text.AppendLine("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using WasmBind;

            namespace Large;
            """);
        text.AppendLine($"public sealed class Plugin{index}");
        text.AppendLine("{");
        text.AppendLine("    private readonly Engine engine = new();");
        text.AppendLine("    private readonly Linker linker;");
        text.AppendLine("    private readonly Module module;");
        text.AppendLine($"    public Plugin{index}(Module module) {{ this.module = module; linker = new Linker(engine); }}");
        for (var m = 0; m < methods; m++) text.AppendLine(Method(m % Templates.Length, m));
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Method(int template, int n) => Templates[template].Replace("N_", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly string[] Templates =
    [
        // Sync call in sync code.
        """
            public int SyncN_(Instance instance, int x) { var f = instance.GetFunction<int, int>("f"); return f.Call(x) + f.Call(x + 1); }
        """,
        // Async call in async code.
        """
            public async Task<int> AsyncN_(Instance instance, int x, CancellationToken ct) { var f = instance.GetFunction<int, int>("f"); var a = await f.CallAsync(x, ct); return a + await f.CallAsync(a, ct); }
        """,
        // WB1003.
        """
            public async Task<int> MixedN_(Instance instance, int x) { await Task.Yield(); return instance.GetFunction<int, int>("f").Call(x); }
        """,
        // Spans taken again after calls.
        """
            public void SpansN_(Instance instance, byte[] data) { var memory = instance.GetMemory("memory")!; var f = instance.GetAction<int>("g"); for (var i = 0; i < data.Length; i++) { var span = memory.GetSpan(i, 1); span[0] = data[i]; f.Call(i); } memory.Span[0] = 1; }
        """,
        // WB1005.
        """
            public int StaleN_(Instance instance) { var memory = instance.GetMemory("memory")!; var header = memory.GetSpan(0, 8); if (header[0] == 0) instance.GetAction("init").Call(); return header[1]; }
        """,
        // Awaited Task.Run: a hand-off.
        """
            public async Task<int> OffloadN_(TypedFunc<int, int> f, int x) { var slow = await Task.Run(() => f.Call(x)); return slow + f.Call(1); }
        """,
        // WB1001.
        """
            public void BackgroundN_(TypedAction tick) { _ = Task.Run(() => tick.Call()); tick.Call(); }
        """,
        // Host function using its Caller during the call.
        """
            public void HostN_() => linker.DefineFunction("env", "logN_", (Caller caller, int p, int l) => Console.WriteLine(caller.GetMemory()!.ReadString(p, l)));
        """,
        // Async host function.
        """
            public void AsyncHostN_(Func<int, Task<int>> fetch) => linker.DefineAsyncFunction("env", "fetchN_", async (Caller caller, int key) => await fetch(key));
        """,
        // WB1004.
        """
            public int BlockN_(TypedFunc<int, int> f) => f.CallAsync(N_).Result;
        """,
        // A store per task.
        """
            public async Task<int> FanOutN_(int count) { var tasks = new List<Task<int>>(); for (var i = 0; i < count; i++) { var store = new Store(engine); var instance = linker.Instantiate(store, module); var n = i; tasks.Add(Task.Run(() => instance.GetFunction<int, int>("f").Call(n))); } return (await Task.WhenAll(tasks)).Sum(); }
        """,
        // Ordinary code.
        """
            public string TextN_(IEnumerable<string> words) => string.Join(",", words.Where(w => w.Length > 2).Select(w => w.ToUpperInvariant()).OrderBy(w => w));
        """,
        """
            public int MathN_(int[] values) { var sum = 0; foreach (var v in values) { if (v % 2 == 0) sum += v; else sum -= v; } return sum; }
        """,
        // A store per parallel worker.
        """
            public void ParallelN_() => Parallel.For(0, 8, i => { var store = new Store(engine); linker.Instantiate(store, module).GetAction("run").Call(); });
        """,
        """
            public async Task<string> IoN_(Func<Task<string>> read) { var text = await read(); await Task.Delay(1); return text.Trim(); }
        """,
    ];
}
