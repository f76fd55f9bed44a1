using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

/// <summary>
/// A hostile guest re-entering through an ordinary host function (guest → host → guest → ...) must trap, never
/// overflow the .NET stack: a stack overflow ends the test host, so these tests run on small-stack threads where the
/// unfixed runtime died after about ten levels (verified in a child process: exit code 134).
/// </summary>
public sealed class HostReentryTests
{
    private const int SmallStack = 256 * 1024;

    /// <summary>An instance whose host.reenter calls its export <paramref name="export"/> again.</summary>
    private static Instance Reentering(Engine engine, string export)
    {
        var linker = new Linker(engine);
        TypedFunc<int, int>? target = null;
        linker.DefineFunction("host", "reenter", (int n) => target!.Call(n));
        var instance = linker.Instantiate(new Store(engine), Wat.Load(engine, "reentry"));
        target = instance.GetFunction<int, int>(export);
        return instance;
    }

    /// <summary>Runs <paramref name="action"/> on a new thread with a 256 KiB stack and returns what it threw.</summary>
    private static Exception? OnSmallStack(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(action), SmallStack);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)));
        return error;
    }

    [Fact]
    public void Ten_thousand_attempted_reentries_that_end_in_a_trap_on_a_256_KiB_thread_trap_with_call_stack_exhausted()
    {
        var engine = new Engine();
        var instance = Reentering(engine, "down");
        var down = instance.GetFunction<int, int>("down");

        var error = OnSmallStack(() => down.Call(10_000));

        var trap = Assert.IsType<TrapException>(error);
        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
        Assert.Contains("call stack exhausted", trap.Message);
        // Every level that ran is in the backtrace, innermost first.
        Assert.Equal(engine.Config.MaxHostReentryDepth + 1, trap.Backtrace.Count);
        Assert.All(trap.Backtrace, frame => Assert.Equal("down", frame.FunctionName));

        // The store is usable: a shallow re-entry runs and traps at its innermost level as written.
        var shallow = Assert.IsType<TrapException>(OnSmallStack(() => down.Call(5)));
        Assert.Equal(TrapCode.Unreachable, shallow.Code);
        Assert.Equal(6, shallow.Backtrace.Count);
    }

    [Fact]
    public void Unbounded_reentry_on_a_256_KiB_thread_traps_and_the_store_stays_usable()
    {
        var engine = new Engine();
        var instance = Reentering(engine, "forever");
        var forever = instance.GetFunction<int, int>("forever");

        var trap = Assert.IsType<TrapException>(OnSmallStack(() => forever.Call(1)));

        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
        Assert.Equal(1, instance.GetFunction<int, int>("grow").Call(0)); // the store is usable
    }

    [Fact]
    public void Without_the_depth_bound_the_stack_check_still_traps_safely_on_a_256_KiB_thread()
    {
        // The .NET stack check alone must unwind without overflowing: one exception dispatch, not one per level.
        var engine = new Engine(new EngineConfig { MaxHostReentryDepth = 1_000_000 });
        var instance = Reentering(engine, "down");
        var down = instance.GetFunction<int, int>("down");

        var trap = Assert.IsType<TrapException>(OnSmallStack(() => down.Call(10_000)));

        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
        Assert.True(trap.Backtrace.Count > 10, $"only {trap.Backtrace.Count} levels ran");
        Assert.IsType<TrapException>(OnSmallStack(() => down.Call(3)));
    }

    [Fact]
    public void The_reentry_depth_is_configurable_and_counts_levels_exactly()
    {
        var engine = new Engine(new EngineConfig { MaxHostReentryDepth = 3 });
        var instance = Reentering(engine, "down");
        var down = instance.GetFunction<int, int>("down");

        // down(3) runs four levels (three re-entries) and reaches its own unreachable.
        Assert.Equal(TrapCode.Unreachable, Assert.IsType<TrapException>(OnSmallStack(() => down.Call(3))).Code);
        // down(4) would need a fourth re-entry.
        Assert.Equal(TrapCode.CallStackExhausted, Assert.IsType<TrapException>(OnSmallStack(() => down.Call(4))).Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Engine(new EngineConfig { MaxHostReentryDepth = -1 }));
    }
}
