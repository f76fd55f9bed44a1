using Xunit;

namespace WasmBind.Tests.Jit;

/// <summary>
/// The compiled tier (EngineConfig.Tier) against the interpreter: same results, traps, backtraces, fuel and limits.
/// The whole spec, execution-control, WASI and binding suites also run with WASMBIND_TIER=compiled in CI (.ci/run).
/// </summary>
public sealed class CompiledTierTests
{
    private const string Calls = """
        (module $calls
          (type $i2i (func (param i32) (result i32)))
          (memory 1)
          (table funcref (elem $inner $fib))
          (global $g (mut i32) (i32.const 0))
          (func $inner (param i32) (result i32)
            (i32.div_s (i32.const 100) (local.get 0)))
          (func $middle (param i32) (result i32)
            (global.set $g (i32.add (global.get $g) (i32.const 1)))
            (i32.add (call $inner (local.get 0)) (i32.const 1)))
          (func (export "outer") (param i32) (result i32)
            (call $middle (local.get 0)))
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func (export "indirect") (param i32 i32) (result i32)
            (call_indirect (type $i2i) (local.get 1) (local.get 0)))
          (func (export "load") (param i32) (result i32)
            (i32.load offset=4 (local.get 0)))
          (func (export "store_load") (param i32 i64) (result i64)
            (i64.store (local.get 0) (local.get 1))
            (i64.load (local.get 0)))
          (func (export "switch") (param i32) (result i32)
            (block (block (block (block
              (br_table 0 1 2 3 (local.get 0)))
              (return (i32.const 10)))
              (return (i32.const 11)))
              (return (i32.const 12)))
            (i32.const 13))
          (func (export "loop_sum") (param i32) (result i64)
            (local i64)
            (loop $l
              (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
              (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
              (br_if $l))
            (local.get 1))
          (func $recurse (export "recurse") (param i32) (result i32)
            (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
          (func (export "grow_and_store") (param i32) (result i32)
            (drop (memory.grow (local.get 0)))
            (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (i32.const 77))
            (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))))
          (func $pass_f64 (param f64) (result f64) (local.get 0))
          (func (export "f64_path") (param i64 i32) (result i64)
            (local f64 f64)
            (local.set 2 (f64.reinterpret_i64 (local.get 0)))
            (local.set 3 (select (local.get 2) (f64.const 2.5) (local.get 1)))
            (f64.store (i32.const 64) (call $pass_f64 (local.get 3)))
            (i64.reinterpret_f64 (f64.load (i32.const 64))))
          (func (export "f64_arith") (param i64 i64) (result i64)
            (local f64)
            (local.set 2 (f64.reinterpret_i64 (local.get 0)))
            (i64.xor
              (i64.reinterpret_f64 (f64.mul (local.get 2) (f64.const 1)))
              (i64.reinterpret_f64 (f64.add (f64.sqrt (f64.mul (local.get 2) (local.get 2)))
                                            (f64.reinterpret_i64 (local.get 1))))))
          (func (export "fill_sum") (param i32) (result i32)
            (local i32)
            (memory.fill (i32.const 0) (i32.const 3) (local.get 0))
            (loop $l
              (local.set 1 (i32.add (local.get 1) (i32.load8_u (local.get 0))))
              (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
              (br_if $l))
            (local.get 1)))
        """;

    private static Engine NewEngine(ExecutionTier tier, bool fuel = false, bool epochs = false, int maxCallDepth = 50_000) =>
        new(new EngineConfig { Tier = tier, ConsumeFuel = fuel, EpochInterruption = epochs, MaxCallDepth = maxCallDepth });

    private static Instance Instantiate(Engine engine, string text, Store? store = null) =>
        new Linker(engine).Instantiate(store ?? new Store(engine), Module.FromText(engine, text));

    [Fact]
    public void A_compiled_engine_compiles_every_function_and_an_interpreter_engine_none()
    {
        var compiled = Module.FromText(NewEngine(ExecutionTier.Compiled), Calls).GetFunctionTiers();
        var interpreted = Module.FromText(NewEngine(ExecutionTier.Interpreter), Calls).GetFunctionTiers();

        Assert.All(compiled, f => Assert.True(f.IsCompiled, $"{f.FunctionIndex} {f.Name}: {f.NotCompiledReason}"));
        Assert.All(interpreted, f => Assert.False(f.IsCompiled));
        Assert.Contains(compiled, f => f.Name == "fib");
    }

    [Theory]
    [InlineData("fib", new[] { 20 }, 6765L)]
    [InlineData("outer", new[] { 5 }, 21L)]
    [InlineData("indirect", new[] { 1, 10 }, 55L)]
    [InlineData("switch", new[] { 0 }, 10L)]
    [InlineData("switch", new[] { 2 }, 12L)]
    [InlineData("switch", new[] { 99 }, 13L)]
    [InlineData("loop_sum", new[] { 1000 }, 500500L)]
    [InlineData("grow_and_store", new[] { 3 }, 77L)]
    [InlineData("fill_sum", new[] { 100 }, 297L)]
    public void Both_tiers_compute_the_same_results(string export, int[] arguments, long expected)
    {
        foreach (var tier in new[] { ExecutionTier.Interpreter, ExecutionTier.Compiled })
        {
            var results = Instantiate(NewEngine(tier), Calls).GetFunction(export)!.Invoke(arguments.Select(Value.I32).ToArray());
            var actual = results[0].Type == ValueType.I64 ? results[0].AsInt64() : results[0].AsInt32();
            Assert.Equal((tier, expected), (tier, actual));
        }
    }

    [Theory]
    [InlineData(0x7FF0_0000_0000_0001L)] // a signalling NaN with a payload
    [InlineData(0x7FF8_0000_0000_BEEFL)] // a quiet NaN with a payload
    [InlineData(unchecked((long)0x8000_0000_0000_0000UL))] // -0
    [InlineData(0x3FF8_0000_0000_0000L)] // 1.5
    public void Float_bit_patterns_agree_between_the_tiers(long bits)
    {
        // f64 values live in double IL locals in compiled code: copies, select, calls and memory must keep every bit,
        // and arithmetic must quiet a signalling NaN as the interpreter does, a constant operand or not.
        (long Path, long Arithmetic) Run(ExecutionTier tier)
        {
            var instance = Instantiate(NewEngine(tier), Calls);
            var path = instance.GetFunction("f64_path")!.Invoke(Value.I64(bits), Value.I32(1))[0].AsInt64();
            var arithmetic = instance.GetFunction("f64_arith")!.Invoke(Value.I64(bits), Value.I64(0x7FF0_0000_0000_0002L))[0].AsInt64();
            return (path, arithmetic);
        }

        var interpreted = Run(ExecutionTier.Interpreter);
        Assert.Equal(bits, interpreted.Path);
        Assert.Equal(interpreted, Run(ExecutionTier.Compiled));
    }

    [Theory]
    [InlineData("outer", new[] { 0 })]
    [InlineData("indirect", new[] { 0, 0 })]
    [InlineData("indirect", new[] { 5, 0 })]
    [InlineData("load", new[] { 65533 })]
    [InlineData("load", new[] { -1 })]
    public void Traps_have_the_same_code_and_backtrace_in_both_tiers(string export, int[] arguments)
    {
        TrapException Trap(ExecutionTier tier) => Assert.Throws<TrapException>(() =>
            Instantiate(NewEngine(tier), Calls).GetFunction(export)!.Invoke(arguments.Select(Value.I32).ToArray()));

        var interpreted = Trap(ExecutionTier.Interpreter);
        var compiled = Trap(ExecutionTier.Compiled);

        Assert.Equal(interpreted.Code, compiled.Code);
        Assert.NotEmpty(compiled.Backtrace);
        Assert.Equal(interpreted.Backtrace, compiled.Backtrace);
        Assert.All(compiled.Backtrace, frame => Assert.NotNull(frame.ModuleOffset));
    }

    [Fact]
    public void A_trap_in_compiled_code_leaves_the_store_usable()
    {
        var instance = Instantiate(NewEngine(ExecutionTier.Compiled), Calls);
        Assert.Throws<TrapException>(() => instance.GetFunction("outer")!.Invoke(Value.I32(0)));
        Assert.Equal(6765, instance.GetFunction<int, int>("fib").Call(20));
    }

    [Fact]
    public void Fuel_is_consumed_identically_in_both_tiers()
    {
        ulong Consumed(ExecutionTier tier)
        {
            var engine = NewEngine(tier, fuel: true);
            var store = new Store(engine) { Fuel = 10_000_000 };
            var instance = Instantiate(engine, Calls, store);
            Assert.Equal(610, instance.GetFunction<int, int>("fib").Call(15));
            Assert.Equal(5050L, instance.GetFunction<int, long>("loop_sum").Call(100));
            return 10_000_000 - store.Fuel;
        }

        var interpreted = Consumed(ExecutionTier.Interpreter);
        Assert.True(interpreted > 1000);
        Assert.Equal(interpreted, Consumed(ExecutionTier.Compiled));
    }

    [Fact]
    public void Running_out_of_fuel_traps_at_the_same_point_in_both_tiers()
    {
        (TrapCode, IReadOnlyList<WasmFrame>, ulong) OutOfFuel(ExecutionTier tier)
        {
            var engine = NewEngine(tier, fuel: true);
            var store = new Store(engine) { Fuel = 12_345 };
            var trap = Assert.Throws<TrapException>(() => Instantiate(engine, Calls, store).GetFunction<int, int>("fib").Call(25));
            return (trap.Code, trap.Backtrace, store.Fuel);
        }

        var interpreted = OutOfFuel(ExecutionTier.Interpreter);
        var compiled = OutOfFuel(ExecutionTier.Compiled);
        Assert.Equal(TrapCode.OutOfFuel, compiled.Item1);
        Assert.Equal(interpreted.Item1, compiled.Item1);
        Assert.Equal(interpreted.Item2, compiled.Item2);
        Assert.Equal(interpreted.Item3, compiled.Item3);
    }

    [Fact]
    public void An_epoch_deadline_interrupts_a_compiled_loop()
    {
        var engine = NewEngine(ExecutionTier.Compiled, epochs: true);
        var store = new Store(engine);
        var instance = Instantiate(engine, "(module (func (export \"spin\") (loop $l (br $l))))", store);
        var checks = 0;
        store.EpochDeadlineCallback(s => ++checks < 3 ? EpochDeadlineAction.Continue(0) : EpochDeadlineAction.Trap());
        store.SetEpochDeadline(0);

        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("spin")!.Invoke());

        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.Equal(3, checks);
    }

    [Fact]
    public void Runaway_recursion_traps_call_stack_exhausted_without_overflowing_a_small_thread_stack()
    {
        var instance = Instantiate(NewEngine(ExecutionTier.Compiled), Calls);
        Exception? failure = null;
        // 256 KiB holds far fewer compiled frames than MaxCallDepth: the .NET stack check must stop it first.
        var thread = new Thread(() => failure = Record(() => instance.GetFunction("recurse")!.Invoke(Value.I32(0))), 256 * 1024);
        thread.Start();
        thread.Join();

        var trap = Assert.IsType<TrapException>(failure);
        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
        Assert.Equal(6765, instance.GetFunction<int, int>("fib").Call(20));
    }

    [Fact]
    public void Compiled_calls_count_towards_MaxCallDepth()
    {
        var instance = Instantiate(NewEngine(ExecutionTier.Compiled, maxCallDepth: 100), Calls);
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("recurse")!.Invoke(Value.I32(0)));
        Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
        Assert.Equal(100, trap.Backtrace.Count);
    }

    [Fact]
    public void A_function_with_a_tail_call_stays_interpreted_and_says_why()
    {
        var engine = NewEngine(ExecutionTier.Compiled);
        var module = Module.FromText(engine, """
            (module
              (func $count (export "count") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
                  (else (return_call $count (i32.sub (local.get 0) (i32.const 1))))))
              (func (export "twice") (param i32) (result i32) (i32.add (local.get 0) (local.get 0))))
            """);

        var tiers = module.GetFunctionTiers();

        Assert.False(tiers[0].IsCompiled);
        Assert.Contains("tail call", tiers[0].NotCompiledReason, StringComparison.Ordinal);
        Assert.True(tiers[1].IsCompiled);
        Assert.Equal(7, new Linker(engine).Instantiate(new Store(engine), module).GetFunction<int, int>("count").Call(1_000_000));
    }

    [Fact]
    public async Task A_tiered_engine_compiles_a_hot_function_in_the_background()
    {
        var engine = NewEngine(ExecutionTier.Tiered);
        var instance = Instantiate(engine, Calls);
        var module = instance.Module;
        var fib = instance.GetFunction<int, int>("fib");
        Assert.All(module.GetFunctionTiers(), f => Assert.False(f.IsCompiled));

        Assert.Equal(6765, fib.Call(20)); // about 22,000 calls of $fib, past the threshold
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!module.GetFunctionTiers().Single(f => f.Name == "fib").IsCompiled && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(module.GetFunctionTiers().Single(f => f.Name == "fib").IsCompiled);
        Assert.Equal(6765, fib.Call(20));
        // A cold function stays interpreted.
        Assert.False(module.GetFunctionTiers().Single(f => f.Name == "inner").IsCompiled);
    }

    [Fact]
    public async Task An_async_call_suspends_in_the_interpreter_while_compiled_code_serves_synchronous_calls()
    {
        var engine = NewEngine(ExecutionTier.Compiled);
        var linker = new Linker(engine);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        linker.DefineAsyncFunction("host", "wait", new FunctionType([], [ValueType.I32]), async (caller, args, results) =>
            results[0] = Value.I32(await release.Task));
        var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, """
            (module
              (import "host" "wait" (func $wait (result i32)))
              (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "run") (result i32) (call $double (call $wait)))
              (func (export "sync") (param i32) (result i32) (call $double (local.get 0))))
            """));

        var pending = instance.GetFunction("run")!.CallAsync([]).AsTask();
        Assert.False(pending.IsCompleted);
        release.SetResult(21);

        Assert.Equal(42, (await pending)[0].AsInt32());
        Assert.Equal(10, instance.GetFunction<int, int>("sync").Call(5));
    }

    [Fact]
    public void A_host_function_growing_memory_moves_the_base_under_compiled_code()
    {
        var engine = NewEngine(ExecutionTier.Compiled);
        var linker = new Linker(engine);
        linker.DefineFunction("host", "grow", new FunctionType([], []), (caller, args, results) =>
            ((Memory)caller.GetExport("memory")!).Grow(200));
        var instance = linker.Instantiate(new Store(engine), Module.FromText(engine, """
            (module
              (import "host" "grow" (func $grow))
              (memory (export "memory") 1)
              (func (export "run") (result i32)
                (i32.store (i32.const 8) (i32.const 5))
                (call $grow)
                (i32.store (i32.const 13000000) (i32.const 9))
                (i32.add (i32.load (i32.const 8)) (i32.load (i32.const 13000000)))))
            """));

        Assert.Equal(14, instance.GetFunction<int>("run").Call());
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
