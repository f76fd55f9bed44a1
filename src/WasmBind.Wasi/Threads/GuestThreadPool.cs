namespace WasmBind.Wasi.Threads;

/// <summary>
/// The bounded pool of one program: pool threads (dedicated OS threads, or long-running tasks on the embedder's
/// scheduler) that take spawned guest threads from a queue and run them one at a time.
/// </summary>
/// <remarks>
/// A spawn is first admitted (<see cref="TryAdmit"/>), so it can be refused before the host instantiates anything,
/// then queued (<see cref="Enqueue"/>). Under <see cref="WasiThreadsFullPolicy.Fail"/> at most
/// <see cref="WasiThreadsConfig.MaxThreads"/> spawns are admitted and not finished, so a queued one always has a pool
/// thread ready or about to start; under <see cref="WasiThreadsFullPolicy.Queue"/> up to
/// <see cref="WasiThreadsConfig.MaxQueuedSpawns"/> more wait for a pool thread to become free.
/// </remarks>
internal sealed class GuestThreadPool(WasiThreadsConfig config, Action<GuestThread> run)
{
    private readonly object gate = new();
    private readonly Queue<GuestThread> queue = new();
    private int admitted;
    private int workers;
    private int busy;
    private bool stopped;

    /// <summary>Pool threads started so far (eager and lazy).</summary>
    public int WorkersStarted { get; private set; }

    /// <summary>The most guest threads that ran at once.</summary>
    public int PeakBusy { get; private set; }

    public void StartEagerWorkers()
    {
        lock (gate)
        {
            while (workers < config.EagerThreads) StartWorker();
        }
    }

    /// <summary>Reserves room for one spawn; false when the pool is full (or stopped) under its policy.</summary>
    public bool TryAdmit()
    {
        lock (gate)
        {
            var capacity = config.WhenFull == WasiThreadsFullPolicy.Queue ? (long)config.MaxThreads + config.MaxQueuedSpawns : config.MaxThreads;
            if (stopped || config.MaxThreads == 0 || admitted >= capacity) return false;
            admitted++;
            return true;
        }
    }

    /// <summary>Gives back an admission whose spawn failed before it was queued.</summary>
    public void Withdraw()
    {
        lock (gate) admitted--;
    }

    /// <summary>Queues an admitted thread; false if the pool stopped meanwhile (the thread will never run).</summary>
    public bool Enqueue(GuestThread thread)
    {
        lock (gate)
        {
            if (stopped)
            {
                admitted--;
                return false;
            }
            queue.Enqueue(thread);
            // Every worker that is not running a guest thread looks at the queue before it waits, and again whenever it
            // wakes (even from a timed-out wait): a waiting one is pulsed, one still starting up (an eager worker that
            // has not reached its first wait) or just finished takes it on its own. Counting only the waiting ones
            // would start a worker too many when a spawn comes before the eager workers are ready.
            if (workers - busy >= queue.Count) Monitor.Pulse(gate);
            else if (workers < config.MaxThreads) StartWorker();
            return true;
        }
    }

    /// <summary>Drops the queued threads and lets every pool thread end once its current guest thread has ended.</summary>
    /// <returns>The threads dropped from the queue (they never ran).</returns>
    public IReadOnlyList<GuestThread> Stop()
    {
        lock (gate)
        {
            stopped = true;
            var dropped = queue.ToArray();
            queue.Clear();
            admitted -= dropped.Length;
            Monitor.PulseAll(gate);
            return dropped;
        }
    }

    private void StartWorker()
    {
        workers++;
        WorkersStarted++;
        if (config.Scheduler is { } scheduler)
        {
            Task.Factory.StartNew(WorkerLoop, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, scheduler);
            return;
        }
        new Thread(WorkerLoop) { IsBackground = true, Name = "wasi-threads pool" }.Start();
    }

    private void WorkerLoop()
    {
        while (TryTake(out var thread))
        {
            try
            {
                run(thread);
            }
            finally
            {
                lock (gate)
                {
                    busy--;
                    admitted--;
                }
            }
        }
    }

    private bool TryTake(out GuestThread thread)
    {
        lock (gate)
        {
            while (queue.Count == 0)
            {
                if (stopped) return Leave(out thread);
                var woken = Monitor.Wait(gate, config.IdleTimeout);
                // An eager worker stays for the program's life; a lazy one ends after an idle time-out.
                if (!woken && queue.Count == 0 && workers > config.EagerThreads) return Leave(out thread);
            }
            thread = queue.Dequeue();
            busy++;
            PeakBusy = Math.Max(PeakBusy, busy);
            return true;
        }
    }

    private bool Leave(out GuestThread thread)
    {
        workers--;
        thread = null!;
        return false;
    }
}
