namespace WasmBind.Binary;

/// <summary>What an atomic instruction (threads proposal, <c>0xFE</c> prefix) does, apart from its width.</summary>
internal enum AtomicKind : byte
{
    Notify,
    Wait32,
    Wait64,
    Fence,
    Load,
    Store,
    Add,
    Sub,
    And,
    Or,
    Xor,
    Exchange,
    CompareExchange,
}

/// <summary>
/// The sub-opcodes of the <c>0xFE</c> prefix: which are defined, their kind, access size and value type. One table
/// for the syntax checker, the translator and the interpreter, so they cannot disagree.
/// </summary>
/// <remarks>
/// Layout of the opcode space: 0x00..0x03 notify, wait32, wait64, fence; 0x10..0x16 loads; 0x17..0x1D stores;
/// then seven groups of seven read-modify-writes (add, sub, and, or, xor, xchg, cmpxchg) from 0x1E to 0x4E. Every
/// group of seven has the same widths: i32, i64, i32 8-bit, i32 16-bit, i64 8-bit, i64 16-bit, i64 32-bit.
/// </remarks>
internal static class AtomicOpcodes
{
    public const uint Last = 0x4E;

    private static ReadOnlySpan<byte> GroupSizes => [4, 8, 1, 2, 1, 2, 4];

    /// <summary>True when <paramref name="sub"/> is an atomic instruction.</summary>
    public static bool IsDefined(uint sub) => sub <= 0x03 || (sub >= 0x10 && sub <= Last);

    /// <summary>The instruction's kind; <paramref name="sub"/> must be defined.</summary>
    public static AtomicKind Kind(uint sub) => sub switch
    {
        0x00 => AtomicKind.Notify,
        0x01 => AtomicKind.Wait32,
        0x02 => AtomicKind.Wait64,
        0x03 => AtomicKind.Fence,
        <= 0x16 => AtomicKind.Load,
        <= 0x1D => AtomicKind.Store,
        _ => (AtomicKind)((int)AtomicKind.Add + (int)((sub - 0x1E) / 7)),
    };

    /// <summary>Bytes accessed (also the required alignment); 0 for <c>atomic.fence</c>.</summary>
    public static int Size(uint sub) => sub switch
    {
        0x00 or 0x01 => 4,
        0x02 => 8,
        0x03 => 0,
        _ => GroupSizes[(int)((sub - 0x10) % 7)],
    };

    /// <summary>True when the instruction's value operands and result are i64 (otherwise i32).</summary>
    public static bool Is64(uint sub) => sub switch
    {
        <= 0x03 => sub == 0x02,
        _ => (sub - 0x10) % 7 is 1 or 4 or 5 or 6,
    };

    /// <summary>Skips the immediates of an atomic instruction whose sub-opcode was just read.</summary>
    public static void SkipImmediates(ref WasmReader reader, uint sub, long opcodeOffset, WasmFeatures features = WasmFeatures.Wasm2Scalar)
    {
        if (!IsDefined(sub)) WasmReader.ThrowAt(opcodeOffset, "illegal opcode");
        if (sub == 0x03)
        {
            reader.ReadZeroByte();
            return;
        }
        // The memarg of any access: a memory index under flag bit 6 with multi-memory, a 64-bit offset with memory64.
        InstructionImmediates.SkipMemArg(ref reader, features);
    }
}
