using Xunit;

namespace WasmBind.Tests.ExecutionControl;

/// <summary>
/// Host code the runtime calls on the guest's behalf (an epoch callback, a resource limiter) fails like a host
/// function: a trap with the original exception inside, and the store stays usable.
/// </summary>
public sealed class HostCallbackFailureTests
{
    private sealed class ThrowingLimiter : IResourceLimiter
    {
        public bool MemoryGrowing(Memory memory, ulong currentPages, ulong desiredPages) => throw new FormatException("limiter broke");

        public bool TableGrowing(Table table, ulong currentElements, ulong desiredElements) => throw new FormatException("limiter broke");
    }

    [Fact]
    public async Task An_epoch_callback_that_throws_is_a_host_error_trap_and_the_store_stays_usable()
    {
        var engine = new Engine(new EngineConfig { EpochInterruption = true });
        var store = new Store(engine);
        var instance = ControlFixture.Instantiate(engine, store);
        store.EpochDeadlineCallback(_ => throw new FormatException("callback broke"));
        store.SetEpochDeadline(0);

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("spin")!.Invoke());
        var asyncTrap = await Assert.ThrowsAsync<TrapException>(async () => await instance.GetFunction("spin")!.CallAsync([]));

        foreach (var t in new[] { trap, asyncTrap })
        {
            Assert.Equal(TrapCode.HostError, t.Code);
            Assert.IsType<FormatException>(t.InnerException);
            Assert.Contains(t.Backtrace, frame => frame.FunctionName == "spin");
        }
        store.EpochDeadlineTrap();
        store.SetEpochDeadline(1_000_000);
        Assert.Equal(3, instance.GetFunction<int, int>("count").Call(3));
    }

    [Fact]
    public async Task A_resource_limiter_that_throws_when_the_guest_grows_memory_is_a_host_error_trap()
    {
        var engine = new Engine();
        var store = new Store(engine) { Limiter = new ThrowingLimiter() };
        var instance = ControlFixture.Instantiate(engine, store);
        var grow = instance.GetFunction("grow")!;

        var traps = new List<TrapException>
        {
            Assert.Throws<TrapException>(() => grow.Invoke(Value.I32(1))),
            await Assert.ThrowsAsync<TrapException>(async () => await grow.CallAsync([Value.I32(1)])),
            Assert.Throws<TrapException>(() => grow.CallResumable(Value.I32(1))),
        };

        foreach (var trap in traps)
        {
            Assert.Equal(TrapCode.HostError, trap.Code);
            Assert.IsType<FormatException>(trap.InnerException);
            Assert.Contains("limiter broke", trap.Message);
        }
        store.Limiter = null;
        Assert.Equal(1, instance.GetFunction<int, int>("grow").Call(1));
        Assert.True(grow.CallResumable(Value.I32(1)).IsFinished);
    }
}
