namespace WasmBind.Wasi;

/// <summary>Runs a WASI command: a module whose entry point is its <c>_start</c> export.</summary>
public static class WasiCommand
{
    /// <summary>The entry point every WASI command exports.</summary>
    public const string StartExport = "_start";

    /// <summary>
    /// Calls <c>_start</c> and returns the program's exit code: the code it passed to <c>proc_exit</c>, or 0 when
    /// <c>_start</c> returned normally.
    /// </summary>
    /// <exception cref="WasmException">The instance exports no <c>_start</c> of type <c>[] -> []</c>.</exception>
    /// <exception cref="TrapException">The program trapped; the exception carries its wasm backtrace.</exception>
    public static int Run(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var start = instance.GetFunction(StartExport);
        if (start is null || start.Type.Parameters.Count != 0 || start.Type.Results.Count != 0)
            throw new WasmException($"The module is not a WASI command: it exports no function \"{StartExport}\" of type [] -> [].");
        try
        {
            start.Invoke();
            return 0;
        }
        catch (WasiExitException exit)
        {
            return exit.ExitCode;
        }
    }
}
