namespace WasmBind.Tests.Api;

/// <summary>Loads the checked-in fixture modules built from Fixtures/wat/*.wat (rebuild them with Fixtures/build.sh).</summary>
internal static class Wat
{
    public static Module Load(Engine engine, string name) =>
        Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "Fixtures", "wat", name + ".wasm"));
}
