using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class ResumableCallTests
{
    private sealed class NeedsInput(int index) : Exception($"host needs input {index}")
    {
        public int Index { get; } = index;
    }

    private readonly Engine engine = new();

    [Fact]
    public void A_call_suspended_by_its_host_many_times_finishes_with_the_supplied_values()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new NeedsInput(i));
        var sumTicks = ControlFixture.Instantiate(engine, store, linker).GetFunction("sum_ticks")!;

        var result = sumTicks.CallResumable(Value.I32(1000));
        var expectedIndex = 0;
        while (!result.IsFinished)
        {
            var call = result.Call!;
            Assert.Equal(ResumableCallReason.HostError, call.Reason);
            var request = Assert.IsType<NeedsInput>(call.HostError);
            Assert.Equal(expectedIndex++, request.Index);
            Assert.Equal(ControlFixture.I32ToI32, call.HostFunction!.Type);
            result = call.Resume(Value.I32(request.Index * 3));
        }

        Assert.Equal(1000, expectedIndex);
        Assert.Equal(3L * (999L * 1000 / 2), result.Results![0].AsInt64());
    }

    [Fact]
    public void Resume_checks_the_values_against_the_host_functions_results()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new NeedsInput(i));
        var sumTicks = ControlFixture.Instantiate(engine, store, linker).GetFunction("sum_ticks")!;
        var call = sumTicks.CallResumable(Value.I32(1)).Call!;

        Assert.Throws<ArgumentException>(() => call.Resume(Value.I64(1)));
        Assert.Throws<ArgumentException>(() => call.Resume());
        var finished = call.Resume(Value.I32(9));

        Assert.Equal(9L, finished.Results![0].AsInt64());
        Assert.Throws<InvalidOperationException>(() => call.Resume(Value.I32(1)));
    }

    [Fact]
    public void While_suspended_the_store_runs_synchronous_calls_but_not_another_suspendable_one()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new NeedsInput(i));
        var instance = ControlFixture.Instantiate(engine, store, linker);
        var call = instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(2)).Call!;

        Assert.Equal(6, instance.GetFunction<int, int>("count").Call(6));
        var busy = Assert.Throws<InvalidOperationException>(() => instance.GetFunction("count")!.CallResumable(Value.I32(2)));
        Assert.Contains("suspended", busy.Message);

        var result = call.Resume(Value.I32(10)).Call!.Resume(Value.I32(20));
        Assert.Equal(30L, result.Results![0].AsInt64());
    }

    [Fact]
    public void An_abandoned_call_frees_the_store()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new NeedsInput(i));
        var instance = ControlFixture.Instantiate(engine, store, linker);
        var call = instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(5)).Call!;

        call.Abandon();

        Assert.True(instance.GetFunction("count")!.CallResumable(Value.I32(2)).IsFinished);
        Assert.Throws<InvalidOperationException>(() => call.Resume(Value.I32(1)));
    }

    [Fact]
    public void A_call_that_does_not_suspend_finishes_at_once()
    {
        var store = new Store(engine);
        var result = ControlFixture.Instantiate(engine, store).GetFunction("count")!.CallResumable(Value.I32(10));
        Assert.True(result.IsFinished);
        Assert.Equal(10, result.Results![0].AsInt32());
    }
}
