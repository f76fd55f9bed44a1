using Xunit;

namespace WasmBind.Tests.Simd;

/// <summary>
/// The clang-built SIMD benchmark kernel (wasm_simd128.h, -msimd128) gives the same answers as its scalar build of the
/// same C source: loads, i32x4.dot_i16x8_s, saturating byte subtraction, extadd_pairwise and lane extraction end to end.
/// </summary>
public sealed class SimdKernelTests
{
    [Theory]
    [InlineData(1u)]
    [InlineData(0xDEADBEEFu)]
    public void Simd_and_scalar_builds_agree(uint seed)
    {
        var (simdDot, simdSad) = Run("simd_kernel.wasm", seed);
        var (scalarDot, scalarSad) = Run("simd_kernel_scalar.wasm", seed);

        Assert.Equal(scalarDot, simdDot);
        Assert.Equal(scalarSad, simdSad);
        Assert.NotEqual(0, simdSad);
    }

    private static (int Dot, int Sad) Run(string file, uint seed)
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "Fixtures", "simd", file));
        var instance = new Linker(engine).Instantiate(new Store(engine), module);
        instance.GetAction<uint>("fill").Call(seed);
        return (instance.GetFunction<int>("dot").Call(), instance.GetFunction<int>("sad").Call());
    }
}
