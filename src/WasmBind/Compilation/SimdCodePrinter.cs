using System.Globalization;
using System.Text;
using WasmBind.Binary;

namespace WasmBind.Compilation;

/// <summary>
/// Prints a translated vector instruction (<c>Op.Simd</c> and its operands) as text, from the operand layout its
/// <see cref="SimdShape"/> defines: <c>i32x4.add s6, s2, s4</c>. Slots are frame-relative (<c>s</c>N; a v128 uses
/// N and N+1). A disassembler of translated code calls it for every <c>Op.Simd</c>.
/// </summary>
internal static class SimdCodePrinter
{
    /// <summary>Prints the instruction starting at <paramref name="code"/>[0] (the <c>Op.Simd</c> word); returns its length in words.</summary>
    public static int Print(ReadOnlySpan<int> code, StringBuilder output)
    {
        var op = (SimdOpcode)code[1];
        var row = SimdInstructions.Get(op);
        output.Append(SimdInstructions.Name(op)).Append(' ');
        var o = code[2..row.CodeLength];
        switch (row.Shape)
        {
            case SimdShape.Load: output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, [s{o[1]} + {(uint)o[2]}]"); break;
            case SimdShape.Store: output.Append(CultureInfo.InvariantCulture, $"[s{o[0]} + {(uint)o[2]}], s{o[1]}"); break;
            case SimdShape.LoadLane: output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, [s{o[1]} + {(uint)o[3]}], s{o[2]}, lane {o[4]}"); break;
            case SimdShape.StoreLane: output.Append(CultureInfo.InvariantCulture, $"[s{o[0]} + {(uint)o[2]}], s{o[1]}, lane {o[3]}"); break;
            case SimdShape.Const: output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, 0x{(uint)o[4]:x8}{(uint)o[3]:x8}{(uint)o[2]:x8}{(uint)o[1]:x8}"); break;
            case SimdShape.Shuffle:
                output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, s{o[1]}, s{o[2]}, [");
                for (var i = 0; i < 16; i++) output.Append(i == 0 ? "" : " ").Append((o[3 + i / 4] >> (8 * (i % 4))) & 0xFF);
                output.Append(']');
                break;
            case SimdShape.ExtractLane: output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, s{o[1]}, lane {o[2]}"); break;
            case SimdShape.ReplaceLane: output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, s{o[1]}, s{o[2]}, lane {o[3]}"); break;
            case SimdShape.GlobalGet: output.Append(CultureInfo.InvariantCulture, $"s{o[0]}, global {o[1]}"); break;
            case SimdShape.GlobalSet: output.Append(CultureInfo.InvariantCulture, $"global {o[0]}, s{o[1]}"); break;
            case SimdShape.MemoryAccess: PrintMemoryAccess(o, output); break;
            default:
                for (var i = 0; i < o.Length; i++) output.Append(i == 0 ? "s" : ", s").Append(o[i]);
                break;
        }
        return row.CodeLength;
    }

    // "v128.memory_access v128.load8_lane s6, [memory 1 i64 s2 + 8], s4, lane 3": the wasm instruction, then the
    // operands its shape has (a store has no dst, only lane accesses have a vector operand and a lane).
    private static void PrintMemoryAccess(ReadOnlySpan<int> o, StringBuilder output)
    {
        var op = (SimdOpcode)(o[0] & ~FunctionTranslator.SimdMemoryAccess64Flag);
        var shape = SimdInstructions.Get(op).Shape;
        var offset = (uint)o[5] | ((ulong)(uint)o[6] << 32);
        var width = (o[0] & FunctionTranslator.SimdMemoryAccess64Flag) != 0 ? "i64" : "i32";
        output.Append(SimdInstructions.Name(op)).Append(' ');
        if (shape is SimdShape.Load or SimdShape.LoadLane) output.Append(CultureInfo.InvariantCulture, $"s{o[1]}, ");
        output.Append(CultureInfo.InvariantCulture, $"[memory {o[4]} {width} s{o[2]} + {offset}]");
        if (shape is not SimdShape.Load) output.Append(CultureInfo.InvariantCulture, $", s{o[3]}");
        if (shape is SimdShape.LoadLane or SimdShape.StoreLane) output.Append(CultureInfo.InvariantCulture, $", lane {o[7]}");
    }
}
