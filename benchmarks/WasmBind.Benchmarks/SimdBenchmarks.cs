using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace WasmBind.Benchmarks;

/// <summary>
/// The SIMD kernel (Modules/simd_kernel.c: an int16 dot product and a byte sum of absolute differences over 64 Ki
/// elements) built with -msimd128 against its scalar build, both interpreted. The Ratio column is SIMD time over scalar.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SimdBenchmarks
{
    private TypedFunc<int> scalarDot = null!, simdDot = null!, scalarSad = null!, simdSad = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        (scalarDot, scalarSad) = Load(engine, "simd_kernel_scalar.wasm");
        (simdDot, simdSad) = Load(engine, "simd_kernel.wasm");
        if (scalarDot.Call() != simdDot.Call() || scalarSad.Call() != simdSad.Call())
            throw new InvalidOperationException("The SIMD and scalar builds of the kernel disagree.");
    }

    private static (TypedFunc<int> Dot, TypedFunc<int> Sad) Load(Engine engine, string file)
    {
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromFile(engine, BenchmarkModules.PathOf(file)));
        instance.GetAction<uint>("fill").Call(12345);
        return (instance.GetFunction<int>("dot"), instance.GetFunction<int>("sad"));
    }

    /// <summary>Dot product of 64 Ki int16 pairs, scalar build: one multiply-add per element.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("dot")]
    public int DotScalar() => scalarDot.Call();

    /// <summary>The same with <c>i32x4.dot_i16x8_s</c>: eight elements per loop iteration.</summary>
    [Benchmark]
    [BenchmarkCategory("dot")]
    public int DotSimd() => simdDot.Call();

    /// <summary>Sum of absolute differences of 64 Ki byte pairs, scalar build.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("sad")]
    public int SadScalar() => scalarSad.Call();

    /// <summary>The same with saturating byte subtractions and pairwise widening adds: sixteen elements per iteration.</summary>
    [Benchmark]
    [BenchmarkCategory("sad")]
    public int SadSimd() => simdSad.Call();
}
