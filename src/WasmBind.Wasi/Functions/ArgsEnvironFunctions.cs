using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Functions;

/// <summary><c>args_get</c>, <c>args_sizes_get</c>, <c>environ_get</c>, <c>environ_sizes_get</c>: copies of strings packed once per context.</summary>
internal static class ArgsEnvironFunctions
{
    public static void Define(Linker linker, WasiHost host)
    {
        host.Define<uint, uint>(linker, "args_get", (caller, argv, buffer) =>
        {
            var context = host.Context(caller);
            return (int)Copy(GuestMemory.Of(caller), context.Arguments, context.ArgumentOffsets, argv, buffer);
        });
        host.Define<uint, uint>(linker, "args_sizes_get", (caller, count, size) =>
        {
            var context = host.Context(caller);
            return (int)Sizes(GuestMemory.Of(caller), context.Arguments, context.ArgumentOffsets, count, size);
        });
        host.Define<uint, uint>(linker, "environ_get", (caller, environ, buffer) =>
        {
            var context = host.Context(caller);
            return (int)Copy(GuestMemory.Of(caller), context.EnvironmentBytes, context.EnvironmentOffsets, environ, buffer);
        });
        host.Define<uint, uint>(linker, "environ_sizes_get", (caller, count, size) =>
        {
            var context = host.Context(caller);
            return (int)Sizes(GuestMemory.Of(caller), context.EnvironmentBytes, context.EnvironmentOffsets, count, size);
        });
    }

    private static Errno Copy(GuestMemory memory, byte[] strings, int[] offsets, uint pointers, uint buffer)
    {
        if (!memory.TrySlice(buffer, (uint)strings.Length, out var destination)
            || !memory.IsValid(pointers, (ulong)offsets.Length * 4))
        {
            return Errno.Fault;
        }

        strings.CopyTo(destination);
        for (var i = 0; i < offsets.Length; i++) memory.TryWriteU32(pointers + (uint)i * 4, buffer + (uint)offsets[i]);
        return Errno.Success;
    }

    private static Errno Sizes(GuestMemory memory, byte[] strings, int[] offsets, uint countPointer, uint sizePointer)
    {
        if (!memory.IsValid(countPointer, 4) || !memory.IsValid(sizePointer, 4)) return Errno.Fault;
        memory.TryWriteU32(countPointer, (uint)offsets.Length);
        memory.TryWriteU32(sizePointer, (uint)strings.Length);
        return Errno.Success;
    }
}
