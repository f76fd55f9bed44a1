using Xunit;

namespace WasmBind.Tests.TailCalls;

/// <summary>
/// <c>return_call</c> and <c>return_call_indirect</c>: the callee replaces the caller's frame, so tail recursion runs in
/// constant interpreter stack, while fuel, epochs, async host imports, resumable calls and backtraces keep working.
/// </summary>
public sealed class TailCallTests
{
    private const string Module = """
        (module
          (import "host" "double" (func $double (param i32) (result i32)))
          (type $countdown (func (param i64 i64) (result i64)))
          (table 2 funcref)
          (elem (i32.const 0) $even $odd)

          ;; Counts n down to 0 by tail calls, summing as it goes.
          (func $sum (export "sum") (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
            (return_call $sum (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))

          ;; The same recursion with ordinary calls, for comparison: it needs one frame per level.
          (func $sum_plain (export "sum_plain") (param $n i64) (param $acc i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
            (call $sum_plain (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))

          ;; Mutual recursion through the table: even(n) tail-calls odd(n - 1) and back.
          (func $even (export "even") (type $countdown) (param $n i64) (param $unused i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (i64.const 1))))
            (return_call_indirect (type $countdown) (i64.sub (local.get $n) (i64.const 1)) (i64.const 0) (i32.const 1)))
          (func $odd (type $countdown) (param $n i64) (param $unused i64) (result i64)
            (if (i64.eqz (local.get $n)) (then (return (i64.const 0))))
            (return_call_indirect (type $countdown) (i64.sub (local.get $n) (i64.const 1)) (i64.const 0) (i32.const 0)))

          (func $spin (export "spin") (param i32) (result i32)
            (return_call $spin (i32.add (local.get 0) (i32.const 1))))

          ;; Tail-calls n times down to a tail call of the (possibly async) host import.
          (func $to_host (export "to_host") (param $n i32) (param $x i32) (result i32)
            (if (i32.eqz (local.get $n)) (then (return_call $double (local.get $x))))
            (return_call $to_host (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $x) (i32.const 1))))

          ;; outer calls middle normally; middle tail-calls inner, which traps: middle's frame is gone.
          (func $outer (export "outer") (result i32) (i32.add (call $middle) (i32.const 1)))
          (func $middle (result i32) (return_call $inner))
          (func $inner (result i32) (unreachable)))
        """;

    private static Linker SyncImports(Engine engine) => new Linker(engine).DefineFunction("host", "double", (int x) => x * 2);

    private static Instance Instantiate(Engine engine, Store store, Linker? linker = null) =>
        (linker ?? SyncImports(engine)).Instantiate(store, WasmBind.Module.FromText(engine, Module));

    [Fact]
    public void Ten_million_tail_calls_run_in_constant_stack()
    {
        var engine = new Engine();
        var instance = Instantiate(engine, new Store(engine));

        var sum = instance.GetFunction<long, long, long>("sum").Call(10_000_000, 0);

        Assert.Equal(10_000_000L * 10_000_001 / 2, sum);
    }

    [Fact]
    public void The_same_recursion_with_ordinary_calls_exhausts_the_call_stack()
    {
        var engine = new Engine();
        var instance = Instantiate(engine, new Store(engine));

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<long, long, long>("sum_plain").Call(10_000_000, 0));

        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
    }

    [Fact]
    public void Mutual_recursion_through_a_table_runs_a_million_deep()
    {
        var engine = new Engine();
        var even = Instantiate(engine, new Store(engine)).GetFunction<long, long, long>("even");

        Assert.Equal(1L, even.Call(1_000_000, 0));
        Assert.Equal(0L, even.Call(1_000_001, 0));
    }

    [Fact]
    public void A_tail_call_to_a_host_function_returns_its_result()
    {
        var engine = new Engine();
        var toHost = Instantiate(engine, new Store(engine)).GetFunction<int, int, int>("to_host");

        Assert.Equal(2 * (5 + 100), toHost.Call(100, 5));
    }

    [Fact]
    public async Task A_tail_call_into_an_awaiting_async_import_suspends_and_resumes()
    {
        var engine = new Engine();
        var awaited = 0;
        var linker = new Linker(engine).DefineAsyncFunction("host", "double", async (int x) =>
        {
            await Task.Yield();
            awaited++;
            return x * 2;
        });
        var toHost = Instantiate(engine, new Store(engine), linker).GetFunction("to_host")!;

        var results = await toHost.CallAsync([Value.I32(100_000), Value.I32(1)]);

        Assert.Equal(2 * (1 + 100_000), results[0].AsInt32());
        Assert.Equal(1, awaited);
    }

    [Fact]
    public void Infinite_tail_recursion_runs_out_of_fuel()
    {
        var engine = new Engine(new EngineConfig { ConsumeFuel = true });
        var store = new Store(engine) { Fuel = 100_000 };
        var spin = Instantiate(engine, store).GetFunction("spin")!;

        var trap = Assert.Throws<TrapException>(() => spin.Invoke(Value.I32(0)));

        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.True(store.Fuel < 10, $"fuel left: {store.Fuel}");
    }

    [Fact]
    public void A_resumable_call_out_of_fuel_in_tail_recursion_finishes_once_refilled()
    {
        var engine = new Engine(new EngineConfig { ConsumeFuel = true });
        var store = new Store(engine) { Fuel = 10_000 };
        var sum = Instantiate(engine, store).GetFunction("sum")!;

        var result = sum.CallResumable(Value.I64(100_000), Value.I64(0));
        Assert.False(result.IsFinished);
        Assert.Equal(ResumableCallReason.OutOfFuel, result.Call!.Reason);

        store.Fuel = 100_000_000;
        result = result.Call.Resume();

        Assert.True(result.IsFinished);
        Assert.Equal(100_000L * 100_001 / 2, result.Results![0].AsInt64());
    }

    [Fact]
    public void An_epoch_deadline_stops_infinite_tail_recursion()
    {
        var engine = new Engine(new EngineConfig { EpochInterruption = true });
        var store = new Store(engine);
        var spin = Instantiate(engine, store).GetFunction("spin")!;
        var callbacks = 0;
        // Continue(0) makes the very next check (each function entry) call back again, so the count is exact.
        store.EpochDeadlineCallback(_ => ++callbacks < 1000 ? EpochDeadlineAction.Continue(0) : EpochDeadlineAction.Trap());
        store.SetEpochDeadline(0);

        var trap = Assert.Throws<TrapException>(() => spin.Invoke(Value.I32(0)));

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.Equal(1000, callbacks);
    }

    [Fact]
    public void A_trap_backtrace_no_longer_shows_the_frame_a_tail_call_replaced()
    {
        var engine = new Engine();
        var outer = Instantiate(engine, new Store(engine)).GetFunction("outer")!;

        var trap = Assert.Throws<TrapException>(() => outer.Invoke());

        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Equal(["inner", "outer"], trap.Backtrace.Select(frame => frame.FunctionName));
    }

    [Fact]
    public void Turning_the_switch_off_makes_tail_calls_invalid()
    {
        var engine = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar | WasmFeatures.ExtendedConst });

        var error = Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromText(engine, Module));

        Assert.Contains("TailCall", error.Message);
    }

    [Theory]
    [InlineData("(func $f (result i64) (return_call $g)) (func $g (result i32) (i32.const 0))")]
    [InlineData("(func $f (result i32) (return_call $g)) (func $g (result i32 i32) (i32.const 0) (i32.const 0))")]
    [InlineData("(func $f (return_call $g)) (func $g (result i32) (i32.const 0))")]
    [InlineData("(type $t (func (result i64))) (table 1 funcref) (func (result i32) (return_call_indirect (type $t) (i32.const 0)))")]
    [InlineData("(func $f (result i32) (unreachable) (return_call $g)) (func $g (result i64) (i64.const 0))")]
    public void A_callee_whose_results_differ_from_the_callers_is_a_type_mismatch(string fields)
    {
        var engine = new Engine();

        var error = Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromText(engine, $"(module {fields})"));

        Assert.Contains("type mismatch", error.Message);
    }
}
