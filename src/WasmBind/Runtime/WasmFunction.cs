using WasmBind.Compilation;

namespace WasmBind.Runtime;

/// <summary>A function defined by a module instance: its translated code plus the instance it closes over.</summary>
internal sealed class WasmFunction : Function
{
    public WasmFunction(Instance instance, CompiledFunction code)
        : base(instance.Store, code.Type)
    {
        Instance = instance;
        Code = code;
    }

    public Instance Instance { get; }

    public CompiledFunction Code { get; }

    public override string ToString() =>
        $"function {Instance.Module.DescribeFunction(Code.FunctionIndex)} {Type}";
}
