using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class ResumableCallTests
{
    private sealed class NeedsInput(int index) : SuspendCallException($"host needs input {index}")
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
    public async Task While_suspended_the_store_runs_synchronous_calls_but_not_an_async_call_elsewhere_suspended()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new NeedsInput(i));
        var instance = ControlFixture.Instantiate(engine, store, linker);
        var call = instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(2)).Call!;

        Assert.Equal(6, instance.GetFunction<int, int>("count").Call(6));
        var result = call.Resume(Value.I32(10)).Call!.Resume(Value.I32(20));
        Assert.Equal(30L, result.Results![0].AsInt64());

        // An async call suspended in the store is awaited by someone: a resumable call may not supersede it.
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asyncLinker = new Linker(engine);
        asyncLinker.DefineAsyncFunction("host", "tick", ControlFixture.I32ToI32, async (caller, args, results) => results[0] = Value.I32(await gate.Task));
        asyncLinker.DefineFunction("host", "wait", (int i) => i);
        var asyncInstance = ControlFixture.Instantiate(engine, store, asyncLinker);
        var pending = asyncInstance.GetFunction("sum_ticks")!.CallAsync([Value.I32(1)]);
        var busy = Assert.Throws<InvalidOperationException>(() => instance.GetFunction("count")!.CallResumable(Value.I32(2)));
        Assert.Contains("suspended", busy.Message);
        gate.SetResult(4);
        Assert.Equal(4L, (await pending)[0].AsInt64());
    }

    [Fact]
    public void A_typed_resumable_call_suspends_and_finishes_with_a_typed_result()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new NeedsInput(i));
        var instance = ControlFixture.Instantiate(engine, store, linker);
        var sumTicks = instance.GetFunction<int, long>("sum_ticks");

        var result = sumTicks.CallResumable(2);
        Assert.False(result.IsFinished);
        Assert.Equal(0, Assert.IsType<NeedsInput>(result.Call!.HostError).Index);
        result = result.Call.Resume<long>(Value.I32(10));
        result = result.Call!.Resume<long>(Value.I32(20));

        Assert.True(result.IsFinished);
        Assert.Equal(30L, result.Result);
        var wrongType = sumTicks.CallResumable(1).Call!;
        Assert.Throws<InvalidOperationException>(() => wrongType.Resume<int>(Value.I32(1)));
        Assert.True(wrongType.IsSuspended);
        var finished = instance.GetFunction<int, int>("count").CallResumable(4);
        Assert.True(finished.IsFinished);
        Assert.Equal(4, finished.Result);
    }

    [Fact]
    public void A_typed_resumable_action_suspends_when_out_of_fuel()
    {
        var fuelEngine = new Engine(new EngineConfig { ConsumeFuel = true });
        var store = new Store(fuelEngine) { Fuel = 100 };
        var fill = ControlFixture.Instantiate(fuelEngine, store).GetAction<int, int>("fill");

        var result = fill.CallResumable(65536, 3);

        Assert.False(result.IsFinished);
        Assert.Equal(ResumableCallReason.OutOfFuel, result.Call!.Reason);
        Assert.Equal(1024UL, result.Call.RequiredFuel);
        store.Fuel = result.Call.RequiredFuel;
        Assert.True(result.Call.Resume().IsFinished);
    }

    [Fact]
    public void A_host_exception_that_is_not_a_suspension_request_traps_by_default()
    {
        var store = new Store(engine);
        var linker = ControlFixture.Linker(engine, tick: i => throw new FormatException("a genuine host bug"));
        var instance = ControlFixture.Instantiate(engine, store, linker);

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(2)));

        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.IsType<FormatException>(trap.InnerException);
        Assert.True(instance.GetFunction("count")!.CallResumable(Value.I32(2)).IsFinished);
    }

    [Fact]
    public void With_AnyHostErrorSuspendsResumableCalls_any_host_exception_suspends_as_in_Wasmi()
    {
        var store = new Store(engine) { AnyHostErrorSuspendsResumableCalls = true };
        var linker = ControlFixture.Linker(engine, tick: i => throw new FormatException($"tick {i}"));
        var instance = ControlFixture.Instantiate(engine, store, linker);

        var result = instance.GetFunction("sum_ticks")!.CallResumable(Value.I32(2));

        Assert.False(result.IsFinished);
        Assert.IsType<FormatException>(result.Call!.HostError);
        Assert.Equal(3L, result.Call.Resume(Value.I32(1)).Call!.Resume(Value.I32(2)).Results![0].AsInt64());
    }

    [Fact]
    public void RequiredFuel_lets_a_host_refilling_a_fixed_amount_finish_a_huge_memory_fill()
    {
        const int Refill = 10_000;
        var fuelEngine = new Engine(new EngineConfig { ConsumeFuel = true });
        // Growth is charged like a fill of the grown bytes (docs/memory.md), so the grow gets its own budget.
        var store = new Store(fuelEngine) { Fuel = 200_000 };
        var instance = ControlFixture.Instantiate(fuelEngine, store);
        Assert.Equal(1, instance.GetFunction<int, int>("grow").Call(99));
        store.Fuel = 1_000;
        const int Bytes = 100 * 65536;

        var result = instance.GetFunction("fill")!.CallResumable(Value.I32(Bytes), Value.I32(7));

        var call = result.Call!;
        Assert.Equal(ResumableCallReason.OutOfFuel, call.Reason);
        Assert.Equal((ulong)Bytes / 64, call.RequiredFuel);
        // A fixed refill below what the instruction needs makes no progress...
        for (var i = 0; i < 3; i++)
        {
            store.Fuel = Refill;
            call = call.Resume().Call!;
            Assert.Equal((ulong)Bytes / 64, call.RequiredFuel);
        }
        // ...with RequiredFuel it finishes.
        for (var resumes = 0; !result.IsFinished; resumes++)
        {
            Assert.True(resumes < 10, "the call makes no progress");
            store.Fuel = Math.Max(Refill, call.RequiredFuel);
            result = call.Resume();
            if (!result.IsFinished) call = result.Call!;
        }
        Assert.Equal(7, instance.GetMemory("memory")!.ReadByte(Bytes - 1));
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
