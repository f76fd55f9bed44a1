using WasmBind.Wasi;
using WasmBind.Wasi.Threads;

namespace WasmBind.Tests.Wasi.Threads;

/// <summary>Small wasi-threads guests (text, compiled by the runtime's own parser) and a helper to run them.</summary>
internal static class ThreadGuests
{
    /// <summary>
    /// Spawns 10 threads (start argument i), storing each spawn's result at 100 + 4i; each thread stores the id it was
    /// given at 300 + 4i, then waits for a gate (address 8) the main thread opens after the last spawn, then counts
    /// itself done (address 0). The main thread returns once every successfully spawned thread is done.
    /// </summary>
    public const string TenSpawnsBehindAGate = """
        (module
          (memory (import "env" "memory") 1 1 shared)
          (func $spawn (import "wasi" "thread-spawn") (param i32) (result i32))
          (func (export "wasi_thread_start") (param $tid i32) (param $i i32)
            (i32.atomic.store (i32.add (i32.const 300) (i32.shl (local.get $i) (i32.const 2))) (local.get $tid))
            (block $open
              (loop $wait
                (br_if $open (i32.atomic.load (i32.const 8)))
                (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
                (br $wait)))
            (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
            (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
          (func (export "_start") (local $i i32) (local $ok i32) (local $r i32) (local $done i32)
            (loop $spawning
              (local.set $r (call $spawn (local.get $i)))
              (i32.store (i32.add (i32.const 100) (i32.shl (local.get $i) (i32.const 2))) (local.get $r))
              (if (i32.gt_s (local.get $r) (i32.const 0)) (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $spawning (i32.lt_u (local.get $i) (i32.const 10))))
            (i32.atomic.store (i32.const 8) (i32.const 1))
            (drop (memory.atomic.notify (i32.const 8) (i32.const -1)))
            (block $all
              (loop $join
                (local.set $done (i32.atomic.load (i32.const 0)))
                (br_if $all (i32.ge_u (local.get $done) (local.get $ok)))
                (drop (memory.atomic.wait32 (i32.const 0) (local.get $done) (i64.const -1)))
                (br $join)))))
        """;

    /// <summary>Spawns one short thread, joins it, pauses 500 ms, spawns and joins another.</summary>
    public const string TwoSpawnsApart = """
        (module
          (memory (import "env" "memory") 1 1 shared)
          (func $spawn (import "wasi" "thread-spawn") (param i32) (result i32))
          (func (export "wasi_thread_start") (param i32 i32)
            (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
            (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
          (func $join (param $n i32) (local $done i32)
            (block $all
              (loop $wait
                (local.set $done (i32.atomic.load (i32.const 0)))
                (br_if $all (i32.ge_u (local.get $done) (local.get $n)))
                (drop (memory.atomic.wait32 (i32.const 0) (local.get $done) (i64.const -1)))
                (br $wait))))
          (func (export "_start")
            (if (i32.le_s (call $spawn (i32.const 0)) (i32.const 0)) (then unreachable))
            (call $join (i32.const 1))
            (drop (memory.atomic.wait32 (i32.const 16) (i32.const 0) (i64.const 500000000)))
            (if (i32.le_s (call $spawn (i32.const 0)) (i32.const 0)) (then unreachable))
            (call $join (i32.const 2))))
        """;

    /// <summary>The main thread and one spawned thread both wait forever on address 8.</summary>
    public const string BothWaitForever = """
        (module
          (memory (import "env" "memory") 1 1 shared)
          (func $spawn (import "wasi" "thread-spawn") (param i32) (result i32))
          (func (export "wasi_thread_start") (param i32 i32)
            (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1))))
          (func (export "_start")
            (if (i32.le_s (call $spawn (i32.const 0)) (i32.const 0)) (then unreachable))
            (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))))
        """;

    /// <summary>The spawned thread traps in <c>$fail</c>; the main thread waits forever.</summary>
    public const string ThreadTraps = """
        (module
          (memory (import "env" "memory") 1 1 shared)
          (func $spawn (import "wasi" "thread-spawn") (param i32) (result i32))
          (func $fail unreachable)
          (func (export "wasi_thread_start") (param i32 i32) (call $fail))
          (func (export "_start")
            (if (i32.le_s (call $spawn (i32.const 0)) (i32.const 0)) (then unreachable))
            (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))))
        """;

    /// <summary>Spawns once, stores the result at 100 and returns.</summary>
    public const string SpawnOnce = """
        (module
          (memory (import "env" "memory") 1 1 shared)
          (func $spawn (import "wasi" "thread-spawn") (param i32) (result i32))
          (func (export "wasi_thread_start") (param i32 i32))
          (func (export "_start") (i32.store (i32.const 100) (call $spawn (i32.const 0)))))
        """;

    public static Engine NewEngine(bool fuel = false) => new(new EngineConfig { EpochInterruption = true, ConsumeFuel = fuel });

    public static WasiThreadsProgram Create(Engine engine, string text, WasiThreadsConfig? config = null) =>
        WasiThreadsProgram.Create(Module.FromText(engine, text), new WasiConfig().CaptureStdout().CaptureStderr(), config);

    /// <summary>The i32 at <paramref name="address"/> of the program's shared memory.</summary>
    public static int Read(WasiThreadsProgram program, int address, Engine engine) =>
        program.SharedMemories[0].In(new Store(engine)).ReadInt32(address);

    /// <summary>Runs the program on a thread of its own (tests wait for it asynchronously).</summary>
    public static Task<int> RunInBackground(WasiThreadsProgram program, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => program.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
