using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// <c>sock_accept</c>, <c>sock_recv</c>, <c>sock_send</c>, <c>sock_shutdown</c>. No socket can be opened or preopened
/// here, so each answers <see cref="Errno.Badf"/> for a closed descriptor and <see cref="Errno.Notsock"/> for any open one.
/// </summary>
internal static class SocketFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint, uint>(linker, "sock_accept", (caller, fd, _, _) => NotASocket(host, caller, fd));
        host.Define<uint, uint, uint, uint, uint, uint>(linker, "sock_recv",
            (caller, fd, _, _, _, _, _) => NotASocket(host, caller, fd));
        host.Define<uint, uint, uint, uint, uint>(linker, "sock_send",
            (caller, fd, _, _, _, _) => NotASocket(host, caller, fd));
        host.Define<uint, uint>(linker, "sock_shutdown", (caller, fd, _) => NotASocket(host, caller, fd));
    }

    private static int NotASocket(WasiHost host, Caller caller, uint fd) =>
        (int)(host.Context(caller).Descriptors.TryGet(fd, out _) ? Errno.Notsock : Errno.Badf);
}
