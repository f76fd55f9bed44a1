namespace WasmBind.Wasi.Threads;

/// <summary>
/// One run of a wasi-threads program: a WASI command whose threads (<c>wasi.thread-spawn</c>) each get a new instance of
/// the module in their own <see cref="Store"/>, with the same imports and the same shared memory, run on a bounded pool
/// (<see cref="WasiThreadsConfig"/>).
/// </summary>
/// <remarks>
/// <para>Every thread, the main one too, runs on a pool thread or dedicated thread, never on the caller's: the caller
/// of <see cref="Run"/> only waits for the program to end, so it returns even when a guest thread is stuck in a
/// blocking host call.</para>
/// <para>The program ends at the first of: <c>proc_exit</c> in any thread (its code), the main thread's <c>_start</c>
/// returning (0), a trap in any thread (<see cref="WasiThreadTrapException"/>), or the cancellation given to
/// <see cref="Run"/>. Then every other thread is stopped: running code at its next epoch check, a
/// <c>memory.atomic.wait</c> at once, a blocking WASI call when it returns. <see cref="AllThreadsStopped"/> completes
/// when the last has stopped. The engine must have <see cref="EngineConfig.EpochInterruption"/> on, or a busy thread
/// could not be stopped.</para>
/// <para>Thread ids are virtual: 1, 2, 3, ... in spawn order, never reused, never an OS thread id, at most
/// <see cref="WasiThreadsConfig.MaxThreadId"/>. A spawn that fails (pool full, ids exhausted, the instance cannot be
/// made) returns <c>-6</c> (<c>errno::again</c>) to the guest; nothing is thrown in the host.</para>
/// </remarks>
public sealed class WasiThreadsProgram
{
    /// <summary>The import that spawns a thread: <c>(import "wasi" "thread-spawn" (func (param i32) (result i32)))</c>.</summary>
    public const string SpawnModule = "wasi", SpawnName = "thread-spawn";

    /// <summary>The export each spawned thread starts in: <c>wasi_thread_start(tid: i32, start_arg: i32)</c>.</summary>
    public const string ThreadStartExport = "wasi_thread_start";

    /// <summary>The virtual id by which the main thread is reported (spawned threads get 1 and up).</summary>
    public const int MainThreadId = 0;

    /// <summary>The negative result of a failed spawn: <c>-errno::again</c>.</summary>
    public const int SpawnFailed = -6;

    private static readonly ValueType[] ThreadStartParameters = [ValueType.I32, ValueType.I32];

    private readonly Module module;
    private readonly WasiThreadsConfig config;
    private readonly InstancePre instancePre;
    private readonly GuestThreadPool pool;
    private readonly ProgramOutcome outcome = new();
    private readonly TaskCompletionSource allStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int lastThreadId;
    private int liveThreads;
    private int spawned;
    private int refused;
    private int started;
    private int runs;

    private WasiThreadsProgram(Module module, WasiConfig wasi, WasiThreadsConfig config, Action<Linker>? defineImports)
    {
        this.module = module;
        this.config = config;
        var linker = new Linker(module.Engine).AddWasi();
        linker.DefineFunction<int, int>(SpawnModule, SpawnName, (_, startArgument) => Spawn(startArgument));
        var memories = new List<SharedMemory>();
        foreach (var import in module.Imports)
        {
            if (import.Type is not MemoryType { Shared: true } type) continue;
            var memory = new SharedMemory(module.Engine, type);
            linker.Define(import.Module, import.Name, memory);
            memories.Add(memory);
        }
        SharedMemories = memories;
        defineImports?.Invoke(linker);
        instancePre = linker.InstantiatePre(module);
        Wasi = WasiContext.ForThreads(wasi);
        pool = new GuestThreadPool(config, RunThread);
    }

    /// <summary>
    /// Prepares a run of <paramref name="module"/>: a shared memory for each shared memory it imports, WASI from
    /// <paramref name="wasi"/> (one <see cref="WasiContext"/> for all its threads) and <c>wasi.thread-spawn</c>.
    /// </summary>
    /// <param name="module">A WASI command that imports its shared memory, as wasi-threads programs do.</param>
    /// <param name="wasi">Arguments, environment, directories and stdio, shared by all threads.</param>
    /// <param name="threads">The pool; null for the defaults.</param>
    /// <param name="defineImports">Defines the module's other imports on the program's linker (WASI, the spawn
    /// import and the shared memories are there already).</param>
    /// <exception cref="ArgumentException">The engine lacks <see cref="EngineConfig.EpochInterruption"/> or
    /// <see cref="WasmFeatures.Threads"/>, or the module defines its own memory instead of importing a shared one.</exception>
    /// <exception cref="LinkException">An import cannot be satisfied.</exception>
    public static WasiThreadsProgram Create(Module module, WasiConfig wasi, WasiThreadsConfig? threads = null, Action<Linker>? defineImports = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(wasi);
        threads ??= new WasiThreadsConfig();
        threads.Validate();
        if (!module.Engine.Config.EpochInterruption)
            throw new ArgumentException("A wasi-threads program needs an engine with EngineConfig.EpochInterruption, so that ending the program can stop every thread.", nameof(module));
        if ((module.Engine.Config.Features & WasmFeatures.Threads) == 0)
            throw new ArgumentException("A wasi-threads program needs an engine with WasmFeatures.Threads.", nameof(module));
        if (ImportsSpawn(module) && !module.Imports.Any(i => i.Type is MemoryType { Shared: true }))
            throw new ArgumentException("The module spawns threads but imports no shared memory: each thread's instance would get a memory of its own.", nameof(module));
        return new WasiThreadsProgram(module, wasi, threads, defineImports);
    }

    /// <summary>True when <paramref name="module"/> imports <c>wasi.thread-spawn</c>.</summary>
    public static bool ImportsSpawn(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Imports.Any(i => i.Module == SpawnModule && i.Name == SpawnName);
    }

    /// <summary>The WASI state all threads share: descriptors, captured output, the exit code.</summary>
    public WasiContext Wasi { get; }

    /// <summary>The shared memories made for the module's shared memory imports, in import order.</summary>
    public IReadOnlyList<SharedMemory> SharedMemories { get; }

    /// <summary>Spawns that returned a thread id.</summary>
    public int ThreadsSpawned => Volatile.Read(ref spawned);

    /// <summary>Spawns that returned <see cref="SpawnFailed"/>.</summary>
    public int SpawnsRefused => Volatile.Read(ref refused);

    /// <summary>Spawned threads that started running (a queued one may never start, if the program ends first).</summary>
    public int ThreadsStarted => Volatile.Read(ref started);

    /// <summary>The most spawned threads that ran at once.</summary>
    public int PeakRunningThreads => pool.PeakBusy;

    /// <summary>Pool threads (OS threads, or tasks on <see cref="WasiThreadsConfig.Scheduler"/>) started, eagerly or lazily.</summary>
    public int PoolThreadsStarted => pool.WorkersStarted;

    /// <summary>Completes when every thread of the program has stopped, after it ended.</summary>
    public Task AllThreadsStopped => allStopped.Task;

    /// <summary>
    /// Runs the program: instantiates the main thread's instance, runs its <c>_start</c> on a thread of its own and
    /// waits until the program ends.
    /// </summary>
    /// <returns>The exit code: from <c>proc_exit</c> in any thread, or 0 when <c>_start</c> returned.</returns>
    /// <exception cref="WasiThreadTrapException">A thread trapped (its id and backtrace are in the exception).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="WasmException">The module exports no <c>_start</c> of type [] -> [].</exception>
    /// <exception cref="InvalidOperationException">The program has run already.</exception>
    public int Run(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref runs, 1) != 0)
            throw new InvalidOperationException("This program has run already; create a new one.");
        using var registration = cancellationToken.Register(() => outcome.Cancel(cancellationToken));
        var store = NewStore(MainThreadId);
        Instance instance;
        try
        {
            instance = instancePre.Instantiate(store);
        }
        catch (WasiExitException exit)
        {
            outcome.Exit(exit.ExitCode);
            Finish();
            return outcome.Wait();
        }
        catch (TrapException trap)
        {
            outcome.Trap(MainThreadId, trap);
            Finish();
            return outcome.Wait();
        }
        var start = instance.GetFunction(WasiCommand.StartExport);
        if (start is null || start.Type.Parameters.Count != 0 || start.Type.Results.Count != 0)
            throw new WasmException($"The module is not a WASI command: it exports no function \"{WasiCommand.StartExport}\" of type [] -> [].");
        pool.StartEagerWorkers();
        var main = new GuestThread(MainThreadId, store, start, []);
        Interlocked.Increment(ref liveThreads);
        if (config.Scheduler is { } scheduler)
            Task.Factory.StartNew(() => RunThread(main), CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, scheduler);
        else
            new Thread(() => RunThread(main)) { IsBackground = true, Name = "wasi-threads main" }.Start();
        try
        {
            return outcome.Wait();
        }
        finally
        {
            Finish();
        }
    }

    /// <summary><c>wasi.thread-spawn</c>: a new thread id, or <see cref="SpawnFailed"/>. Runs on the spawning guest thread.</summary>
    private int Spawn(int startArgument)
    {
        if (outcome.HasEnded || !pool.TryAdmit()) return Refuse();
        var id = Interlocked.Increment(ref lastThreadId);
        if (id is <= 0 or > WasiThreadsConfig.MaxThreadId)
        {
            Interlocked.Exchange(ref lastThreadId, WasiThreadsConfig.MaxThreadId);
            pool.Withdraw();
            return Refuse();
        }
        GuestThread thread;
        try
        {
            var store = NewStore(id);
            var entry = instancePre.Instantiate(store).GetFunction(ThreadStartExport);
            if (entry is null || !entry.Type.Parameters.SequenceEqual(ThreadStartParameters) || entry.Type.Results.Count != 0)
            {
                pool.Withdraw();
                return Refuse();
            }
            thread = new GuestThread(id, store, entry, [Value.I32(id), Value.I32(startArgument)]);
        }
        catch (Exception e) when (e is not WasiExitException)
        {
            // The child's start function trapped, an import failed to link, a limit was hit, ConfigureStore threw:
            // the proposal says a failed spawn is a negative result, never a failure of the spawning thread.
            pool.Withdraw();
            return Refuse();
        }
        Interlocked.Increment(ref liveThreads);
        if (!pool.Enqueue(thread))
        {
            ThreadEnded();
            return Refuse();
        }
        Interlocked.Increment(ref spawned);
        return id;
    }

    private int Refuse()
    {
        Interlocked.Increment(ref refused);
        return SpawnFailed;
    }

    private Store NewStore(int threadId)
    {
        var store = new Store(module.Engine);
        config.ConfigureStore?.Invoke(store, threadId);
        Wasi.ShareWith(store);
        return store;
    }

    /// <summary>Runs one guest thread to its end and turns how it ended into the program's outcome.</summary>
    private void RunThread(GuestThread thread)
    {
        if (thread.Id != MainThreadId) Interlocked.Increment(ref started);
        try
        {
            if (outcome.HasEnded) return;
            var call = thread.Entry.CallAsync(thread.Arguments, outcome.StopToken);
            // Completes synchronously unless the store yields (fuel or epoch async-yield policies): then block this
            // thread, which is the guest thread's own, until the call finishes on the continuation's thread.
            if (call.IsCompleted) call.GetAwaiter().GetResult();
            else call.AsTask().GetAwaiter().GetResult();
            if (thread.Id == MainThreadId) outcome.Exit(0);
        }
        catch (WasiExitException exit)
        {
            outcome.Exit(exit.ExitCode);
        }
        catch (OperationCanceledException) when (outcome.HasEnded)
        {
            // Stopped because the program ended.
        }
        catch (TrapException trap)
        {
            outcome.Trap(thread.Id, trap);
        }
        catch (Exception e)
        {
            // A host function's bug escaping as a non-wasm exception: end the program with it rather than the process.
            outcome.Fail(e);
        }
        finally
        {
            ThreadEnded();
        }
    }

    /// <summary>After the program ended: stop the pool, account for the threads that never started.</summary>
    private void Finish()
    {
        foreach (var _ in pool.Stop()) ThreadEnded();
        if (Volatile.Read(ref liveThreads) == 0) CompleteStop();
    }

    private void ThreadEnded()
    {
        if (Interlocked.Decrement(ref liveThreads) == 0 && outcome.HasEnded) CompleteStop();
    }

    private void CompleteStop()
    {
        if (allStopped.TrySetResult()) Wasi.Dispose();
    }
}
