using System.Buffers.Binary;
using System.Text;

namespace WasmBind.Wasi.Abi;

/// <summary>
/// The guest's linear memory as WASI functions see it: every pointer and length comes from the guest and may be
/// hostile, so every access is checked and a bad one reports false (the caller answers <see cref="Errno.Fault"/>)
/// instead of throwing. Pointers are wasm32 <c>u32</c>s, so the arithmetic is done in 64 bits and cannot wrap.
/// </summary>
/// <remarks>The span is taken once per host call; WASI functions never call back into WebAssembly, so it cannot be
/// invalidated by a memory.grow while in use.</remarks>
internal readonly ref struct GuestMemory
{
    private readonly Span<byte> bytes;

    public GuestMemory(Span<byte> bytes) => this.bytes = bytes;

    /// <summary>The calling instance's exported <c>memory</c>; a WASI import from a module without one is a trap, as in other runtimes.</summary>
    public static GuestMemory Of(Caller caller)
    {
        var memory = caller.GetMemory()
            ?? throw new TrapException(TrapCode.HostError, "a WASI function was called by a module that exports no memory named \"memory\"");
        // A wasm32 memory may pass 2 GiB, more than a span covers: WASI buffers beyond that answer EFAULT.
        return new GuestMemory(memory.GetSpan(0, (int)Math.Min(memory.Length, int.MaxValue)));
    }

    public bool IsValid(uint pointer, ulong length) => pointer + length <= (ulong)bytes.Length;

    public bool TrySlice(uint pointer, uint length, out Span<byte> span)
    {
        if (!IsValid(pointer, length))
        {
            span = default;
            return false;
        }
        span = bytes.Slice((int)pointer, (int)length);
        return true;
    }

    public bool TryReadU8(uint pointer, out byte value)
    {
        var ok = IsValid(pointer, 1);
        value = ok ? bytes[(int)pointer] : (byte)0;
        return ok;
    }

    public bool TryReadU16(uint pointer, out ushort value)
    {
        var ok = IsValid(pointer, 2);
        value = ok ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[(int)pointer..]) : (ushort)0;
        return ok;
    }

    public bool TryReadU32(uint pointer, out uint value)
    {
        var ok = IsValid(pointer, 4);
        value = ok ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[(int)pointer..]) : 0;
        return ok;
    }

    public bool TryReadU64(uint pointer, out ulong value)
    {
        var ok = IsValid(pointer, 8);
        value = ok ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[(int)pointer..]) : 0;
        return ok;
    }

    public bool TryWriteU8(uint pointer, byte value)
    {
        if (!IsValid(pointer, 1)) return false;
        bytes[(int)pointer] = value;
        return true;
    }

    public bool TryWriteU16(uint pointer, ushort value)
    {
        if (!IsValid(pointer, 2)) return false;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[(int)pointer..], value);
        return true;
    }

    public bool TryWriteU32(uint pointer, uint value)
    {
        if (!IsValid(pointer, 4)) return false;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[(int)pointer..], value);
        return true;
    }

    public bool TryWriteU64(uint pointer, ulong value)
    {
        if (!IsValid(pointer, 8)) return false;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[(int)pointer..], value);
        return true;
    }

    /// <summary>
    /// Decodes a path or other string argument. Invalid UTF-8 is <see cref="Errno.Ilseq"/> (as in other runtimes) rather than
    /// being replaced, because a replaced name would silently address a different file.
    /// </summary>
    public Errno TryReadString(uint pointer, uint length, out string value)
    {
        value = "";
        if (!TrySlice(pointer, length, out var span)) return Errno.Fault;
        try
        {
            value = StrictUtf8.GetString(span);
            return Errno.Success;
        }
        catch (DecoderFallbackException)
        {
            return Errno.Ilseq;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
