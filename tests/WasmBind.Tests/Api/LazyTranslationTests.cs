using Xunit;

namespace WasmBind.Tests.Api;

public sealed class LazyTranslationTests
{
    private readonly Engine lazy = new(new EngineConfig { LazyTranslation = true });

    [Fact]
    public void Lazily_translated_code_computes_what_eager_code_does()
    {
        var eager = new Engine();
        long Run(Engine engine)
        {
            var instance = new Linker(engine)
                .DefineFunction("host", "tick", (int i) => i * 3)
                .DefineFunction("host", "wait", (int i) => i)
                .Instantiate(new Store(engine), Wat.Load(engine, "control"));
            return instance.GetFunction<int, long>("sum_ticks").Call(500) + instance.GetFunction<int, int>("count").Call(77);
        }

        Assert.Equal(Run(eager), Run(lazy));
    }

    [Fact]
    public void Invalid_bodies_still_fail_when_the_module_loads()
    {
        // (func (result i32) i64.const 0): the body leaves an i64 where an i32 is expected.
        byte[] invalid =
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,
            0x03, 0x02, 0x01, 0x00,
            0x0A, 0x06, 0x01, 0x04, 0x00, 0x42, 0x00, 0x0B,
        ];

        var error = Assert.Throws<InvalidModuleException>(() => Module.FromBytes(lazy, invalid));
        Assert.Equal(0, error.FunctionIndex);
    }

    [Fact]
    public void Functions_translate_once_even_when_threads_race_to_first_call()
    {
        var module = Wat.Load(lazy, "control");
        var linker = new Linker(lazy).DefineFunction("host", "tick", (int i) => i).DefineFunction("host", "wait", (int i) => i);
        var results = new int[8];

        Parallel.For(0, results.Length, i =>
        {
            var instance = linker.Instantiate(new Store(lazy), module);
            results[i] = instance.GetFunction<int, int>("count").Call(1000 + i);
        });

        Assert.Equal(Enumerable.Range(1000, 8), results);
    }
}
