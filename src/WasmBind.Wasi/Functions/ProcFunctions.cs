using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Functions;

/// <summary><c>proc_exit</c>, <c>proc_raise</c> and <c>sched_yield</c>.</summary>
internal static class ProcFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        // A typed exit: WasiExitException passes through the interpreter unchanged and unwinds the guest.
        linker.DefineFunction<uint>(WasiHost.Module, "proc_exit", (caller, code) =>
        {
            host.Context(caller).ExitCode = (int)code;
            throw new WasiExitException((int)code);
        });
        // Signals do not exist in a WASI guest; preview 1 implementations answer nosys, as wasi-libc's raise() expects.
        host.Define<uint>(linker, "proc_raise", (caller, _) => (int)Errno.Nosys);
        host.Define(linker, "sched_yield", caller =>
        {
            Thread.Yield();
            return (int)Errno.Success;
        });
    }
}
