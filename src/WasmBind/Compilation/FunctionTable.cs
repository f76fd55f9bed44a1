using WasmBind.Validation;

namespace WasmBind.Compilation;

/// <summary>
/// The translated code of a module's functions, filled at load time or (with lazy translation) on each function's
/// first call. Shared by every instance of the module across threads: translation is deterministic, so two threads
/// racing to translate the same function produce equal code and either result may win.
/// </summary>
internal sealed class FunctionTable
{
    private readonly ValidationContext context;
    private readonly CompiledFunction?[] functions;

    public FunctionTable(ValidationContext context, CompiledFunction?[] functions)
    {
        this.context = context;
        this.functions = functions;
    }

    public int Count => functions.Length;

    /// <summary>The code of defined function <paramref name="index"/> (0 is the first non-imported function).</summary>
    public CompiledFunction this[int index] => Volatile.Read(ref functions[index]) ?? Translate(index);

    private CompiledFunction Translate(int index)
    {
        var module = context.Module;
        // A translator is cheap to create; creating one per lazy translation keeps this thread-safe without locks.
        var code = new FunctionTranslator(context).Translate(module.ImportedFunctionCount + index, module.Bodies[index]);
        return Interlocked.CompareExchange(ref functions[index], code, null) ?? code;
    }
}
