using WasmBind.Binary;

namespace WasmBind.Text;

/// <summary>
/// The text names of the atomic instructions (threads proposal, <c>0xFE</c> prefix), mapped to their sub-opcodes.
/// The widths and alignments come from <see cref="AtomicOpcodes"/>, so text and binary cannot disagree.
/// </summary>
internal static class AtomicInstructionNames
{
    public static readonly IReadOnlyDictionary<string, uint> SubOpcodes = Build();

    private static Dictionary<string, uint> Build()
    {
        var names = new Dictionary<string, uint>(StringComparer.Ordinal)
        {
            ["memory.atomic.notify"] = 0x00,
            ["memory.atomic.wait32"] = 0x01,
            ["memory.atomic.wait64"] = 0x02,
            ["atomic.fence"] = 0x03,
        };
        // Each group of seven has the widths i32, i64, i32 8-bit, i32 16-bit, i64 8-bit, i64 16-bit, i64 32-bit.
        string[] types = ["i32", "i64", "i32", "i32", "i64", "i64", "i64"];
        string[] bits = ["", "", "8", "16", "8", "16", "32"];
        for (var i = 0; i < 7; i++)
        {
            var narrow = bits[i].Length > 0;
            names[$"{types[i]}.atomic.load{bits[i]}{(narrow ? "_u" : "")}"] = 0x10 + (uint)i;
            names[$"{types[i]}.atomic.store{bits[i]}"] = 0x17 + (uint)i;
            string[] operations = ["add", "sub", "and", "or", "xor", "xchg", "cmpxchg"];
            for (var op = 0; op < operations.Length; op++)
                names[$"{types[i]}.atomic.rmw{bits[i]}.{operations[op]}{(narrow ? "_u" : "")}"] = 0x1E + (uint)(op * 7 + i);
        }
        return names;
    }

    /// <summary>Encodes the atomic instruction <paramref name="sub"/>: prefix, sub-opcode, then its memarg (or fence's zero byte).</summary>
    public static void Encode(uint sub, SCursor c, ByteBuffer output, Action<SCursor, uint, ByteBuffer> memArg)
    {
        output.Byte(0xFE);
        output.U32(sub);
        if (AtomicOpcodes.Kind(sub) == AtomicKind.Fence) output.Byte(0x00);
        else memArg(c, (uint)AtomicOpcodes.Size(sub), output);
    }
}
