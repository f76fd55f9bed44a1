using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Functions;

/// <summary>Scatter/gather lists (<c>iovec_array</c>, <c>ciovec_array</c>) read from guest memory, checked before any byte moves.</summary>
internal static class Iovecs
{
    /// <summary>
    /// Checks the list and every buffer in it, so a bad entry fails the call with <see cref="Errno.Fault"/> before anything
    /// is read or written, and a total beyond what a <c>size</c> result can report is <see cref="Errno.Inval"/>.
    /// </summary>
    public static Errno Check(GuestMemory memory, uint list, uint count)
    {
        if (!memory.IsValid(list, (ulong)count * Layout.IovecSize)) return Errno.Fault;
        ulong total = 0;
        for (uint i = 0; i < count; i++)
        {
            Entry(memory, list, i, out var buffer, out var length);
            if (!memory.IsValid(buffer, length)) return Errno.Fault;
            total += length;
        }
        return total > uint.MaxValue ? Errno.Inval : Errno.Success;
    }

    /// <summary>Buffer <paramref name="index"/> of a list already passed through <see cref="Check"/>.</summary>
    public static Span<byte> Get(GuestMemory memory, uint list, uint index)
    {
        Entry(memory, list, index, out var buffer, out var length);
        memory.TrySlice(buffer, length, out var span);
        return span;
    }

    private static void Entry(GuestMemory memory, uint list, uint index, out uint buffer, out uint length)
    {
        var at = list + index * Layout.IovecSize;
        memory.TryReadU32(at, out buffer);
        memory.TryReadU32(at + 4, out length);
    }
}
