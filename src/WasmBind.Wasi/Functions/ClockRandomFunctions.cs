using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Functions;

/// <summary><c>clock_res_get</c>, <c>clock_time_get</c> and <c>random_get</c>, through the context's replaceable sources.</summary>
internal static class ClockRandomFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint>(linker, "clock_res_get", (caller, id, result) =>
        {
            var clock = host.Context(caller).Clock;
            if (id > (uint)WasiClockId.ThreadCpuTime || !clock.TryGetResolution((WasiClockId)id, out var resolution)) return (int)Errno.Inval;
            return (int)(GuestMemory.Of(caller).TryWriteU64(result, resolution) ? Errno.Success : Errno.Fault);
        });
        // The precision argument is a hint the witx lets an implementation ignore.
        host.Define<uint, ulong, uint>(linker, "clock_time_get", (caller, id, _, result) =>
        {
            var clock = host.Context(caller).Clock;
            if (id > (uint)WasiClockId.ThreadCpuTime || !clock.TryGetTime((WasiClockId)id, out var now)) return (int)Errno.Inval;
            return (int)(GuestMemory.Of(caller).TryWriteU64(result, now) ? Errno.Success : Errno.Fault);
        });
        host.Define<uint, uint>(linker, "random_get", (caller, buffer, length) =>
        {
            var random = host.Context(caller).Random;
            if (!GuestMemory.Of(caller).TrySlice(buffer, length, out var span)) return (int)Errno.Fault;
            random.Fill(span);
            return (int)Errno.Success;
        });
    }
}
