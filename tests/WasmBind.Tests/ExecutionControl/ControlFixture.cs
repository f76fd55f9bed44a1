using WasmBind.Tests.Api;

namespace WasmBind.Tests.ExecutionControl;

/// <summary>Builds an instance of Fixtures/wat/control.wat with the host functions each test needs.</summary>
internal static class ControlFixture
{
    public static readonly FunctionType I32ToI32 = new([ValueType.I32], [ValueType.I32]);

    /// <summary>A linker whose host.tick and host.wait are synchronous identity functions unless replaced.</summary>
    public static Linker Linker(Engine engine, Func<int, int>? tick = null, Func<int, int>? wait = null)
    {
        var linker = new Linker(engine);
        linker.DefineFunction("host", "tick", tick ?? (i => i));
        linker.DefineFunction("host", "wait", wait ?? (i => i));
        return linker;
    }

    public static Instance Instantiate(Engine engine, Store store, Linker? linker = null) =>
        (linker ?? Linker(engine)).Instantiate(store, Wat.Load(engine, "control"));
}
