using WasmBind.Compilation;

namespace WasmBind.Runtime;

/// <summary>A function defined by a module instance: its translated code plus the instance it closes over.</summary>
internal sealed class WasmFunction : Function
{
    private CompiledFunction? code;

    /// <param name="instance">The instance the function belongs to.</param>
    /// <param name="definedIndex">Its index among the module's defined (not imported) functions.</param>
    public WasmFunction(Instance instance, int definedIndex)
        : base(instance.Store, instance.Module.FunctionTypeAt(instance.Module.Definition.ImportedFunctionCount + definedIndex))
    {
        Instance = instance;
        DefinedIndex = definedIndex;
    }

    public Instance Instance { get; }

    public int DefinedIndex { get; }

    /// <summary>The translated code; with lazy translation, produced on first use and then cached here.</summary>
    public CompiledFunction Code => code ?? (code = Instance.Module.Functions[DefinedIndex]);

    public override string ToString() =>
        $"function {Instance.Module.DescribeFunction(Instance.Module.Definition.ImportedFunctionCount + DefinedIndex)} {Type}";
}
