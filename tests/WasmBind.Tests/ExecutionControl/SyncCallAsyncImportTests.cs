using Xunit;

namespace WasmBind.Tests.ExecutionControl;

/// <summary>A synchronous call may use an async import that finishes at once; only a real wait fails it.</summary>
public sealed class SyncCallAsyncImportTests
{
    private readonly Engine engine = new();

    private Instance WithAsyncTick(Func<int, Task<int>> tick, Store store)
    {
        var linker = new Linker(engine);
        linker.DefineAsyncFunction("host", "tick", ControlFixture.I32ToI32, async (caller, args, results) =>
            results[0] = Value.I32(await tick(args[0].AsInt32())));
        linker.DefineFunction("host", "wait", (int i) => i);
        return ControlFixture.Instantiate(engine, store, linker);
    }

    [Fact]
    public void A_sync_call_reaching_an_async_import_that_already_completed_proceeds()
    {
        var instance = WithAsyncTick(i => Task.FromResult(i + 1), new Store(engine));

        Assert.Equal(55L, instance.GetFunction("sum_ticks")!.Invoke(Value.I32(10))[0].AsInt64());
        Assert.Equal(55L, instance.GetFunction<int, long>("sum_ticks").Call(10));
        Assert.True(instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(10)).IsFinished);
    }

    [Fact]
    public async Task A_sync_call_whose_async_import_would_wait_fails_saying_how_to_fix_it()
    {
        var instance = WithAsyncTick(async i => { await Task.Delay(1); return i; }, new Store(engine));

        var error = Assert.Throws<InvalidOperationException>(() => instance.GetFunction<int, long>("sum_ticks").Call(3));

        Assert.Contains("host.tick", error.Message);
        Assert.Contains("CallAsync", error.Message);
        Assert.Contains("declare the interface member async", error.Message);
        Assert.Equal(3, instance.GetFunction<int, int>("count").Call(3));
        Assert.Equal(3L, (await instance.GetFunction("sum_ticks")!.CallAsync([Value.I32(3)]))[0].AsInt64());
    }
}
