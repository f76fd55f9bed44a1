using WasmBind.Wasi.Functions;

namespace WasmBind.Wasi;

/// <summary>Registers WASI preview 1 (<c>wasi_snapshot_preview1</c>) with a <see cref="Linker"/>.</summary>
public static class WasiLinkerExtensions
{
    /// <summary>The import module name every preview 1 function is defined under.</summary>
    public const string ModuleName = WasiHost.Module;

    /// <summary>
    /// Defines every <c>wasi_snapshot_preview1</c> function. Each store that runs a guest gets its own
    /// <see cref="WasiContext"/>, made from <paramref name="config"/> on its first WASI call (or attached beforehand with
    /// <see cref="WasiContext.Attach"/> to give that store a different config).
    /// </summary>
    /// <returns>The linker, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A WASI function is already defined and the linker does not allow shadowing.</exception>
    public static Linker AddWasi(this Linker linker, WasiConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Define(linker, new WasiHost(config));
    }

    /// <summary>
    /// Defines every <c>wasi_snapshot_preview1</c> function with no default config: each store must be given a context with
    /// <see cref="WasiContext.Attach"/> before its guest makes a WASI call, or the call traps.
    /// </summary>
    /// <returns>The linker, for chaining.</returns>
    public static Linker AddWasi(this Linker linker) => Define(linker, new WasiHost(null));

    private static Linker Define(Linker linker, WasiHost host)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgsEnvironFunctions.Define(linker, host);
        ClockRandomFunctions.Define(linker, host);
        FdIoFunctions.Define(linker, host);
        FdStatFunctions.Define(linker, host);
        FdManageFunctions.Define(linker, host);
        FdDirectoryFunctions.Define(linker, host);
        PathOpenFunction.Define(linker, host);
        PathQueryFunctions.Define(linker, host);
        PathMutationFunctions.Define(linker, host);
        PollFunction.Define(linker, host);
        ProcFunctions.Define(linker, host);
        SocketFunctions.Define(linker, host);
        return linker;
    }
}
