namespace WasmBind.Wasi.Functions;

/// <summary>
/// What every WASI host function closes over: the linker's default config, used to make a store's
/// <see cref="WasiContext"/> on its first WASI call. The functions themselves keep no state: a linker serves many stores.
/// </summary>
internal sealed partial class WasiHost(WasiConfig? config)
{
    public const string Module = "wasi_snapshot_preview1";

    public WasiContext Context(Caller caller) => WasiContext.For(caller.Store, config);
}
