using System.Runtime.CompilerServices;

namespace WasmBind.Bindings;

/// <summary>
/// WASI reactors: a module that exports <c>_initialize</c> (<c>(func)</c>) expects it to run once, after
/// instantiation and before any other export is called (it sets up the guest's runtime: constructors, heap, libc).
/// <c>Linker.Instantiate</c> does not call it, as Wasmtime's does not; the generated <c>Bind</c> of every
/// <see cref="WasmExportsAttribute"/> interface calls <see cref="Initialize"/>, so a bound reactor is always initialised
/// exactly once, however many interfaces are bound to it. A host that calls exports without binding calls
/// <see cref="Initialize"/> or <see cref="InitializeAsync"/> itself.
/// </summary>
/// <remarks>
/// An initialiser that traps or is cancelled leaves the guest in an unknown state: the exception reaches the caller
/// (the store stays usable), and every later <see cref="Initialize"/>, <see cref="InitializeAsync"/> or <c>Bind</c> on
/// that instance throws <see cref="InvalidOperationException"/> with the original failure as
/// <see cref="Exception.InnerException"/>, rather than running the initialiser again or calling into a half-initialised
/// guest.
/// </remarks>
public static class Reactor
{
    /// <summary>The export a WASI reactor initialises itself with.</summary>
    public const string InitializeExport = "_initialize";

    private static readonly ConditionalWeakTable<Instance, InitializationState> States = new();

    /// <summary>Whether <paramref name="instance"/> exports <c>_initialize</c> (of any type).</summary>
    public static bool IsReactor(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.GetExport(InitializeExport) is not null;
    }

    /// <summary>
    /// Calls <paramref name="instance"/>'s <c>_initialize</c> export, unless it has none or it has already run
    /// (through this class or a generated <c>Bind</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <c>_initialize</c> is not a <c>(func)</c>, is running already (a host function it called binds the instance), or
    /// failed earlier; or it reached an async import (initialise such a reactor with <see cref="InitializeAsync"/>).
    /// </exception>
    /// <exception cref="TrapException"><c>_initialize</c> trapped.</exception>
    public static void Initialize(Instance instance)
    {
        if (Begin(instance) is not { } begun) return;
        var (state, function) = begun;
        try
        {
            function.Invoke([], []);
        }
        catch (Exception e)
        {
            state.Fail(e);
            throw;
        }
        state.Succeed();
    }

    /// <summary>
    /// Calls <paramref name="instance"/>'s <c>_initialize</c> export as an async call (it may reach async imports),
    /// unless it has none or it has already run.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>_initialize</c> is not a <c>(func)</c>, is running already, or failed earlier.</exception>
    /// <exception cref="TrapException"><c>_initialize</c> trapped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (before the call starts, the reactor stays uninitialised).</exception>
    public static async ValueTask InitializeAsync(Instance instance, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Begin(instance) is not { } begun) return;
        var (state, function) = begun;
        try
        {
            await function.CallAsync([], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            state.Fail(e);
            throw;
        }
        state.Succeed();
    }

    /// <summary>The initialiser to run and its state, or null when there is nothing to run.</summary>
    private static (InitializationState State, Function Function)? Begin(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var export = instance.GetExport(InitializeExport);
        if (export is null) return null;
        if (export is not Function function || function.Type.ParameterSpan.Length != 0 || function.Type.ResultSpan.Length != 0)
            throw new InvalidOperationException($"The instance exports `{InitializeExport}` as {export.ExternType}; a WASI reactor's initialiser is (func).");
        var state = States.GetValue(instance, static _ => new InitializationState());
        return state.TryStart() ? (state, function) : null;
    }

    /// <summary>One instance's initialisation: not started, running, done, or failed.</summary>
    private sealed class InitializationState
    {
        private readonly object gate = new();
        private bool running;
        private bool done;
        private Exception? failure;

        /// <summary>True when the caller must run the initialiser; false when it has run.</summary>
        public bool TryStart()
        {
            lock (gate)
            {
                if (failure is not null)
                    throw new InvalidOperationException($"The reactor's `{InitializeExport}` failed earlier, so the instance cannot be used: {failure.Message}", failure);
                if (done) return false;
                if (running)
                    throw new InvalidOperationException($"The reactor's `{InitializeExport}` is still running; the instance cannot be used until it returns.");
                running = true;
                return true;
            }
        }

        public void Succeed()
        {
            lock (gate)
            {
                running = false;
                done = true;
            }
        }

        public void Fail(Exception e)
        {
            lock (gate)
            {
                running = false;
                failure = e;
            }
        }
    }
}
