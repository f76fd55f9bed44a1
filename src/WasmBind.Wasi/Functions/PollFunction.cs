using WasmBind.Wasi.Abi;
using WasmBind.Wasi.Descriptors;

namespace WasmBind.Wasi.Functions;

/// <summary>
/// <c>poll_oneoff</c>. Files and stdio are always ready (the witx: "always triggers for regular files"; stdio here is
/// a stream that does not say when it would block), so descriptor subscriptions answer at once; otherwise the call sleeps
/// on the context's clock until the earliest clock subscription is due — which is how <c>sleep()</c> reaches the host.
/// </summary>
internal static class PollFunction
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint, uint, uint>(linker, "poll_oneoff",
            (caller, input, output, count, result) => (int)Poll(host.Context(caller), GuestMemory.Of(caller), input, output, count, result));
    }

    private static Errno Poll(WasiContext context, GuestMemory memory, uint input, uint output, uint count, uint result)
    {
        if (count == 0) return Errno.Inval;
        if (!memory.IsValid(input, (ulong)count * Layout.SubscriptionSize)
            || !memory.IsValid(output, (ulong)count * Layout.EventSize)
            || !memory.IsValid(result, 4))
        {
            return Errno.Fault;
        }

        // Pass 1: descriptor subscriptions and bad clocks complete now; find the earliest clock deadline.
        uint events = 0;
        ulong? earliest = null;
        for (uint i = 0; i < count; i++)
        {
            var subscription = input + i * Layout.SubscriptionSize;
            memory.TryReadU64(subscription, out var userdata);
            memory.TryReadU8(subscription + 8, out var tag);
            switch ((EventType)tag)
            {
                case EventType.Clock:
                    var wait = ClockWait(context, memory, subscription, out var clockError);
                    if (clockError != Errno.Success) WriteEvent(memory, output, ref events, userdata, clockError, EventType.Clock, 0);
                    else if (earliest is null || wait < earliest) earliest = wait;
                    break;
                case EventType.FdRead or EventType.FdWrite:
                    memory.TryReadU32(subscription + 16, out var fd);
                    var error = Readiness(context, fd, (EventType)tag, out var available);
                    WriteEvent(memory, output, ref events, userdata, error, (EventType)tag, available);
                    break;
                default:
                    return Errno.Inval;
            }
        }

        // Pass 2: with nothing ready, wait for the earliest clock and report every clock subscription due by then.
        if (events == 0 && earliest is { } sleep)
        {
            if (sleep > 0) context.Clock.Sleep(sleep);
            for (uint i = 0; i < count; i++)
            {
                var subscription = input + i * Layout.SubscriptionSize;
                memory.TryReadU8(subscription + 8, out var tag);
                if ((EventType)tag != EventType.Clock) continue;
                var wait = ClockWait(context, memory, subscription, out var clockError, elapsed: sleep);
                if (clockError != Errno.Success || wait > 0) continue;
                memory.TryReadU64(subscription, out var userdata);
                WriteEvent(memory, output, ref events, userdata, Errno.Success, EventType.Clock, 0);
            }
        }
        memory.TryWriteU32(result, events);
        return Errno.Success;
    }

    /// <summary>
    /// How long from now until a clock subscription is due, in nanoseconds. Relative timeouts are measured from the
    /// call; <paramref name="elapsed"/> is the time already slept in this call.
    /// </summary>
    private static ulong ClockWait(WasiContext context, GuestMemory memory, uint subscription, out Errno error, ulong elapsed = 0)
    {
        memory.TryReadU32(subscription + 16, out var id);
        memory.TryReadU64(subscription + 24, out var timeout);
        memory.TryReadU16(subscription + 40, out var flags);
        error = Errno.Success;
        if (id > (uint)WasiClockId.ThreadCpuTime || !context.Clock.TryGetTime((WasiClockId)id, out var now))
        {
            error = Errno.Inval;
            return 0;
        }
        if ((flags & SubclockFlags.AbsoluteTime) == 0) return timeout > elapsed ? timeout - elapsed : 0;
        return timeout > now ? timeout - now : 0;
    }

    private static Errno Readiness(WasiContext context, uint fd, EventType type, out ulong available)
    {
        available = 0;
        if (!context.Descriptors.TryGet(fd, out var descriptor)) return Errno.Badf;
        var needed = type == EventType.FdRead ? Rights.FdRead : Rights.FdWrite;
        if ((descriptor.RightsBase & needed) == 0) return Errno.Badf;
        var error = descriptor.Require(Rights.PollFdReadwrite);
        if (error != Errno.Success) return error;
        if (descriptor is FileDescriptor file && type == EventType.FdRead)
        {
            try
            {
                available = (ulong)Math.Max(0, RandomAccess.GetLength(file.Handle) - file.Position);
            }
            catch (IOException)
            {
                available = 0;
            }
        }
        return Errno.Success;
    }

    private static void WriteEvent(GuestMemory memory, uint output, ref uint events, ulong userdata, Errno error, EventType type, ulong available)
    {
        var at = output + events++ * Layout.EventSize;
        memory.TrySlice(at, Layout.EventSize, out var record);
        record.Clear();
        memory.TryWriteU64(at, userdata);
        memory.TryWriteU16(at + 8, (ushort)error);
        memory.TryWriteU8(at + 10, (byte)type);
        memory.TryWriteU64(at + 16, available);
    }
}
