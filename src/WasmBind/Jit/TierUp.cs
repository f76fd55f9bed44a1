using WasmBind.Instructions;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmBind.Compilation;
using WasmBind.Execution;
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
        // Without dynamic code nothing compiles (Compile records why), so the order does not matter.
        var order = RuntimeFeature.IsDynamicCodeSupported ? CalleesFirst(module) : Enumerable.Range(0, module.Functions.Count);
        foreach (var i in order)
        {
            var code = module.Functions[i];
            code.TierState = Queued;
            Compile(module, code);
        }
    }

    /// <summary>
    /// The defined functions in an order where a function's direct callees come before it (but for cycles), so its
    /// compiled code can call theirs directly rather than through a delegate.
    /// </summary>
    [RequiresDynamicCode("Reads the compiled tier's instruction lengths.")]
    private static List<int> CalleesFirst(Module module)
    {
        var count = module.Functions.Count;
        var imported = module.Definition.ImportedFunctionCount;
        var order = new List<int>(count);
        var seen = new bool[count];
        var stack = new Stack<(int Function, IEnumerator<int> Callees)>();
        for (var root = 0; root < count; root++)
        {
            if (seen[root]) continue;
            seen[root] = true;
            stack.Push((root, DirectCallees(module.Functions[root].Code, imported).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (function, callees) = stack.Peek();
                if (callees.MoveNext())
                {
                    var callee = callees.Current;
                    if (seen[callee]) continue;
                    seen[callee] = true;
                    stack.Push((callee, DirectCallees(module.Functions[callee].Code, imported).GetEnumerator()));
                }
                else
                {
                    stack.Pop();
                    order.Add(function);
                }
            }
        }
        return order;
    }

    [RequiresDynamicCode("Reads the compiled tier's instruction lengths.")]
    private static IEnumerable<int> DirectCallees(int[] code, int imported)
    {
        for (var pc = 0; pc < code.Length;)
        {
            var length = IlCompiler.Length(code, pc);
            if (length <= 0) yield break;
            if ((Op)code[pc] == Op.Call && code[pc + 1] >= imported) yield return code[pc + 1] - imported;
            pc += length;
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
