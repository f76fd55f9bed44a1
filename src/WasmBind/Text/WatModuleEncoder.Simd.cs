using WasmBind.Binary;

namespace WasmBind.Text;

/// <summary>
/// The vector instructions in text: names and immediates come from <see cref="SimdInstructions"/>, so the text
/// format knows exactly the instructions the binary decoder and the interpreter know.
/// </summary>
internal sealed partial class WatModuleEncoder
{
    private void Simd(SAtom name, SimdInstruction instruction, SCursor c, ByteBuffer output)
    {
        output.Byte(Opcode.SimdPrefix);
        output.U32((uint)instruction.Opcode);
        switch (instruction.Shape)
        {
            case SimdShape.Load or SimdShape.Store:
                MemArg(c, (uint)instruction.AccessSize, output);
                break;
            case SimdShape.LoadLane or SimdShape.StoreLane:
                // "v128.load8_lane 1" is a lane index, not a memory index: only the memarg keywords come before it.
                MemArg(c, (uint)instruction.AccessSize, output, laneFollows: true);
                output.Byte(LaneIndex(c.Next()));
                break;
            case SimdShape.ExtractLane or SimdShape.ReplaceLane:
                output.Byte(LaneIndex(c.Next()));
                break;
            case SimdShape.Shuffle:
                for (var i = 0; i < 16; i++)
                {
                    if (c.AtEnd || c.Peek is not SAtom { Kind: AtomKind.Other }) throw name.Error("invalid lane length");
                    output.Byte(LaneIndex(c.Next()));
                }
                break;
            case SimdShape.Const:
                V128Const(c, output);
                break;
        }
    }

    /// <summary><c>v128.const shape lanes...</c>: the lanes as 16 little-endian bytes.</summary>
    private static void V128Const(SCursor c, ByteBuffer output)
    {
        var shape = c.Next();
        var (bits, count) = shape is SAtom { Kind: AtomKind.Keyword } keyword ? keyword.Text switch
        {
            "i8x16" => (8, 16),
            "i16x8" => (16, 8),
            "i32x4" => (32, 4),
            "i64x2" => (64, 2),
            "f32x4" => (-32, 4),
            "f64x2" => (-64, 2),
            _ => throw shape.Error("unexpected token, expected a vector shape"),
        } : throw shape.Error("unexpected token, expected a vector shape");
        for (var i = 0; i < count; i++)
        {
            if (c.AtEnd) throw shape.Error("wrong number of lane literals");
            var lane = c.Next();
            var value = bits switch
            {
                -32 => F32(lane),
                -64 => F64(lane),
                _ => Integer(lane, bits),
            };
            var width = Math.Abs(bits) / 8;
            for (var b = 0; b < width; b++) output.Byte((byte)(value >> (8 * b)));
        }
    }

    private static byte LaneIndex(SNode node) =>
        node is SAtom { Kind: AtomKind.Other } atom && NumberLiterals.TryParseUnsigned(atom.Text, byte.MaxValue, out var lane)
            ? (byte)lane
            : throw node.Error("malformed lane index");
}
