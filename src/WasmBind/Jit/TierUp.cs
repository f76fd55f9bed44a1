using System.Runtime.CompilerServices;
using WasmBind.Compilation;
using WasmBind.Runtime;

namespace WasmBind.Jit;

/// <summary>
/// Decides when a function is compiled and installs the result. Compiled code belongs to the module's
/// <see cref="CompiledFunction"/>, so every instance, store and thread uses it once it is there.
/// </summary>
internal static class TierUp
{
    /// <summary>Calls of an interpreted function before a tiered engine compiles it.</summary>
    internal const int CallThreshold = 1000;

    internal const int NotRequested = 0;
    internal const int Queued = 1;
    internal const int Done = 2;

    /// <summary>Counts an interpreted call of <paramref name="code"/>; a tiered engine compiles a function past the threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CountCall(WasmFunction function, CompiledFunction code)
    {
        if (--code.TierUpCountdown <= 0) Request(function.Instance.Module, code);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Request(Module module, CompiledFunction code)
    {
        code.TierUpCountdown = int.MaxValue;
        if (module.Engine.Config.Tier != ExecutionTier.Tiered) return;
        if (Interlocked.CompareExchange(ref code.TierState, Queued, NotRequested) != NotRequested) return;
        ThreadPool.UnsafeQueueUserWorkItem(static state => Compile(state.module, state.code), (module, code), preferLocal: false);
    }

    /// <summary>Compiles every function of a module for <see cref="ExecutionTier.Compiled"/>, before it runs.</summary>
    public static void CompileAll(Module module)
    {
        for (var i = 0; i < module.Functions.Count; i++)
        {
            var code = module.Functions[i];
            code.TierState = Queued;
            Compile(module, code);
        }
    }

    /// <summary>Compiles one function and installs it, or records why it stays interpreted.</summary>
    private static void Compile(Module module, CompiledFunction code)
    {
        // Dynamic code must be supported (not NativeAOT) and compiled (not run by an IL interpreter, which would be slower).
        if (!RuntimeFeature.IsDynamicCodeSupported || !RuntimeFeature.IsDynamicCodeCompiled)
        {
            code.NotCompiledReason = "dynamic code is not available here (RuntimeFeature.IsDynamicCodeCompiled is false)";
            Volatile.Write(ref code.TierState, Done);
            return;
        }
        CompiledBody? body;
        string? reason;
        try
        {
            body = IlCompiler.TryCompile(module, code, out reason);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or InvalidProgramException)
        {
            // A compiler failure must not fail the program: the interpreter runs the function as before.
            body = null;
            reason = $"the compiler failed: {e.GetType().Name}: {e.Message}";
        }
        code.NotCompiledReason = reason;
        if (body is not null) Volatile.Write(ref code.CompiledBody, body);
        Volatile.Write(ref code.TierState, Done);
    }
}
