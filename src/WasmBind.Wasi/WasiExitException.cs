namespace WasmBind.Wasi;

/// <summary>
/// A WASI guest called <c>proc_exit</c>. This is how a command finishes, not a failure: the interpreter lets it through
/// unchanged (it is a <see cref="WasmException"/>, not a trap) and <see cref="WasiCommand.Run"/> turns it into the exit code.
/// The store stays usable.
/// </summary>
public sealed class WasiExitException : WasmException
{
    /// <summary>Creates the exception for <paramref name="exitCode"/>.</summary>
    public WasiExitException(int exitCode) : base($"the WASI program exited with code {exitCode}") => ExitCode = exitCode;

    /// <summary>The code the guest passed to <c>proc_exit</c> (a <c>u32</c>, reinterpreted as <see cref="int"/>).</summary>
    public int ExitCode { get; }
}
