namespace WasmBind.Benchmarks;

/// <summary>Finds the benchmark modules: ours next to the assembly, the shared C-built ones by walking up from the working directory.</summary>
public static class BenchmarkModules
{
    /// <summary>The path of <paramref name="fileName"/> (e.g. <c>fib.wasm</c>) from this project's <c>Modules</c> folder.</summary>
    /// <exception cref="FileNotFoundException">The module was not copied to the output directory and is not in the source tree either.</exception>
    public static string PathOf(string fileName)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Modules", fileName);
        if (File.Exists(beside)) return beside;
        // BenchmarkDotNet runs each benchmark from a generated project; fall back to the source tree above it.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "benchmarks", "WasmBind.Benchmarks", "Modules", fileName);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"Benchmark module {fileName} not found beside {AppContext.BaseDirectory} or in the source tree; run Modules/build.sh.", fileName);
    }

    /// <summary>Reads <paramref name="fileName"/> from this project's <c>Modules</c> folder.</summary>
    public static byte[] Read(string fileName) => File.ReadAllBytes(PathOf(fileName));

    /// <summary>
    /// The largest <c>.wasm</c> in the first <c>shared/bench/wasm</c> folder found walking up from the working directory
    /// (then from the assembly's folder), or null when there is none.
    /// </summary>
    public static string? FindLargestSharedModule()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var folder = Path.Combine(dir.FullName, "shared", "bench", "wasm");
                if (!Directory.Exists(folder)) continue;
                var largest = new DirectoryInfo(folder).EnumerateFiles("*.wasm").MaxBy(f => f.Length);
                if (largest is not null) return largest.FullName;
            }
        }
        return null;
    }
}
