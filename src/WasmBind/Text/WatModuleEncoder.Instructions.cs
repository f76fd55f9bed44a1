using WasmBind.Binary;

namespace WasmBind.Text;

internal sealed partial class WatModuleEncoder
{
    /// <summary>What a body's instructions can name: its locals and the labels of the blocks around them.</summary>
    private sealed class BodyScope
    {
        public IndexSpace Locals { get; } = new("local");
        public List<string?> Labels { get; } = new();
    }

    private enum FlatBlock { Block, Loop, If, Else }

    /// <summary>
    /// An instruction sequence in flat and/or folded form, up to the end of <paramref name="c"/>. Flat blocks are
    /// tracked on a list rather than by recursion, so any depth of them costs no .NET stack; folded ones recurse,
    /// bounded by the reader's nesting limit.
    /// </summary>
    private void Instructions(SCursor c, BodyScope scope, ByteBuffer output)
    {
        var open = new List<(FlatBlock Kind, SNode Node)>();
        while (!c.AtEnd)
        {
            var node = c.Next();
            if (node is SList folded)
            {
                Folded(folded, scope, output);
                continue;
            }
            var atom = (SAtom)node;
            if (atom.Kind != AtomKind.Keyword) throw atom.Error("unexpected token, expected an instruction");
            switch (atom.Text)
            {
                case "block" or "loop" or "if":
                    var label = c.TakeId();
                    output.Byte(atom.Text switch { "block" => (byte)0x02, "loop" => (byte)0x03, _ => (byte)0x04 });
                    BlockType(c, output);
                    scope.Labels.Add(label);
                    open.Add((atom.Text switch { "block" => FlatBlock.Block, "loop" => FlatBlock.Loop, _ => FlatBlock.If }, atom));
                    break;
                case "else":
                    if (open.Count == 0 || open[^1].Kind != FlatBlock.If) throw atom.Error("unexpected token else");
                    CheckEndLabel(c, scope);
                    output.Byte(0x05);
                    open[^1] = (FlatBlock.Else, open[^1].Node);
                    break;
                case "end":
                    if (open.Count == 0) throw atom.Error("unexpected token end");
                    CheckEndLabel(c, scope);
                    output.Byte(0x0B);
                    open.RemoveAt(open.Count - 1);
                    scope.Labels.RemoveAt(scope.Labels.Count - 1);
                    break;
                default:
                    Plain(atom, c, scope, output);
                    break;
            }
        }
        if (open.Count > 0) throw open[^1].Node.Error("unexpected end of the instructions (missing end)");
    }

    // "end $l" and "else $l" may repeat the block's label, and only its label.
    private static void CheckEndLabel(SCursor c, BodyScope scope)
    {
        if (c.Peek is SAtom { Kind: AtomKind.Id } id)
        {
            c.Next();
            if (scope.Labels[^1] != id.Text) throw id.Error("mismatching label");
        }
    }

    private void Folded(SList list, BodyScope scope, ByteBuffer output)
    {
        if (list.Items.Count == 0 || list.Items[0] is not SAtom { Kind: AtomKind.Keyword } head)
            throw list.Error("unexpected token, expected an instruction");
        var c = new SCursor(list, 1);
        switch (head.Text)
        {
            case "block" or "loop":
            {
                var label = c.TakeId();
                output.Byte(head.Text == "block" ? (byte)0x02 : (byte)0x03);
                BlockType(c, output);
                scope.Labels.Add(label);
                Instructions(c, scope, output);
                scope.Labels.RemoveAt(scope.Labels.Count - 1);
                output.Byte(0x0B);
                return;
            }
            case "if":
            {
                var label = c.TakeId();
                var blockType = new ByteBuffer();
                BlockType(c, blockType);
                while (c.Peek is SList condition && condition.Head != "then") Folded((SList)c.Next(), scope, output);
                output.Byte(0x04);
                output.Bytes(blockType.Span);
                scope.Labels.Add(label);
                var then = c.TakeList("then") ?? throw (c.Peek?.Error("unexpected token, expected (then ...)") ?? list.Error("unexpected end, expected (then ...)"));
                Instructions(new SCursor(then, 1), scope, output);
                if (c.TakeList("else") is { } otherwise)
                {
                    output.Byte(0x05);
                    Instructions(new SCursor(otherwise, 1), scope, output);
                }
                c.ExpectEnd();
                scope.Labels.RemoveAt(scope.Labels.Count - 1);
                output.Byte(0x0B);
                return;
            }
            case "then" or "else" or "end":
                throw head.Error($"unexpected token {head.Text}");
            default:
            {
                // The operator's immediates come first in the list, its operands after; the binary wants operands first.
                var encoded = new ByteBuffer();
                Plain(head, c, scope, encoded);
                while (!c.AtEnd)
                {
                    var operand = c.Next();
                    if (operand is not SList folded) throw operand.Error("unexpected token, expected a folded instruction");
                    Folded(folded, scope, output);
                }
                output.Bytes(encoded.Span);
                return;
            }
        }
    }

    /// <summary>A block type: a type use, encoded as empty, one value type, or a type index.</summary>
    private void BlockType(SCursor c, ByteBuffer output)
    {
        if (c.PeekList("type"))
        {
            output.S64(TypeUse(c, allowNames: false, out _, out _));
            return;
        }
        var signature = ParseSignature(c, allowNames: false, out _);
        if (signature.Parameters.Length == 0 && signature.Results.Length == 0) output.Byte(0x40);
        else if (signature.Parameters.Length == 0 && signature.Results.Length == 1) output.Byte(signature.Results[0]);
        else output.S64(TypeIndexOf(signature));
    }

    private void Plain(SAtom name, SCursor c, BodyScope scope, ByteBuffer output)
    {
        if (SimdInstructions.TryGetByName(name.Text, out var simd))
        {
            Simd(name, simd, c, output);
            return;
        }
        if (AtomicInstructionNames.SubOpcodes.TryGetValue(name.Text, out var atomic))
        {
            AtomicInstructionNames.Encode(atomic, c, output, (cursor, natural, bytes) => MemArg(cursor, natural, bytes));
            return;
        }
        if (!InstructionTable.ByName.TryGetValue(name.Text, out var info))
            throw UnsupportedFeatures.OfInstruction(name.Text) is { } feature ? Unsupported(name, feature) : name.Error("unknown operator");
        output.Byte(info.Opcode);
        if (info.Prefixed) output.U32(info.SubOpcode);
        switch (info.Immediates)
        {
            case ImmediateKind.None: break;
            case ImmediateKind.Label: output.U32(Label(c.Next(), scope)); break;
            case ImmediateKind.LabelTable:
            {
                var labels = new List<uint>();
                while (IndexSpace.IsIndex(c.Peek)) labels.Add(Label(c.Next(), scope));
                if (labels.Count == 0) throw (c.Peek ?? name).Error("unexpected token, expected a label");
                output.U32((uint)labels.Count - 1);
                foreach (var label in labels) output.U32(label);
                break;
            }
            case ImmediateKind.Function: output.U32(funcSpace.Resolve(c.Next())); break;
            case ImmediateKind.CallIndirect:
            {
                var table = IndexSpace.IsIndex(c.Peek) ? tableSpace.Resolve(c.Next()) : 0;
                output.U32(TypeUse(c, allowNames: false, out _, out _));
                output.U32(table);
                break;
            }
            case ImmediateKind.Select:
                if (c.PeekList("result"))
                {
                    // The typed form is another opcode: replace the 0x1B just written with "0x1C vec(valtype)".
                    var signature = ParseSignature(c, allowNames: false, out _);
                    output.Truncate(output.Length - 1);
                    output.Byte(0x1C);
                    output.U32((uint)signature.Results.Length);
                    output.Bytes(signature.Results);
                }
                break;
            case ImmediateKind.Local: output.U32(scope.Locals.Resolve(c.Next())); break;
            case ImmediateKind.Global: output.U32(globalSpace.Resolve(c.Next())); break;
            case ImmediateKind.Table: output.U32(IndexSpace.IsIndex(c.Peek) ? tableSpace.Resolve(c.Next()) : 0); break;
            case ImmediateKind.Memory: output.U32(IndexSpace.IsIndex(c.Peek) ? memorySpace.Resolve(c.Next()) : 0); break;
            case ImmediateKind.I32: output.S32((int)(uint)Integer(c.Next(), 32)); break;
            case ImmediateKind.I64: output.S64((long)Integer(c.Next(), 64)); break;
            case ImmediateKind.F32: output.U32Fixed(F32(c.Next())); break;
            case ImmediateKind.F64: output.U64Fixed(F64(c.Next())); break;
            case ImmediateKind.HeapType: output.Byte(HeapType(c.Next())); break;
            case ImmediateKind.MemoryInit:
            {
                // "memory.init memidx? dataidx": with two indices the first is the memory.
                var memory = IndexSpace.IsIndex(c.PeekAt(1)) ? memorySpace.Resolve(c.Next()) : 0;
                usesDataCount = true;
                output.U32(dataSpace.Resolve(c.Next()));
                output.U32(memory);
                break;
            }
            case ImmediateKind.Data:
                usesDataCount = true;
                output.U32(dataSpace.Resolve(c.Next()));
                break;
            case ImmediateKind.MemoryCopy:
                if (IndexSpace.IsIndex(c.Peek))
                {
                    output.U32(memorySpace.Resolve(c.Next()));
                    output.U32(memorySpace.Resolve(c.Next()));
                }
                else
                {
                    output.U32(0);
                    output.U32(0);
                }
                break;
            case ImmediateKind.TableInit:
            {
                var first = c.Next();
                if (IndexSpace.IsIndex(c.Peek))
                {
                    var elem = elemSpace.Resolve(c.Next());
                    output.U32(elem);
                    output.U32(tableSpace.Resolve(first));
                }
                else
                {
                    output.U32(elemSpace.Resolve(first));
                    output.U32(0);
                }
                break;
            }
            case ImmediateKind.Element: output.U32(elemSpace.Resolve(c.Next())); break;
            case ImmediateKind.TableCopy:
                if (IndexSpace.IsIndex(c.Peek))
                {
                    output.U32(tableSpace.Resolve(c.Next()));
                    output.U32(tableSpace.Resolve(c.Next()));
                }
                else
                {
                    output.U32(0);
                    output.U32(0);
                }
                break;
            case ImmediateKind.MemArg: MemArg(c, info.NaturalAlignment, output); break;
            default: throw name.Error("unknown operator");
        }
    }

    /// <summary>The error for a construct of a proposal the runtime does not implement; its reason starts with "unsupported:".</summary>
    private static MalformedTextException Unsupported(SNode node, string feature) =>
        node.Error($"{UnsupportedFeatures.Prefix}{feature} is not implemented");

    private static uint Label(SNode node, BodyScope scope)
    {
        if (node is SAtom { Kind: AtomKind.Id } id)
        {
            for (var i = scope.Labels.Count - 1; i >= 0; i--)
            {
                if (scope.Labels[i] == id.Text) return (uint)(scope.Labels.Count - 1 - i);
            }
            throw id.Error($"unknown label {id.Text}");
        }
        return IndexSpace.ParseIndex(node);
    }

    /// <summary>
    /// <c>memidx? offset=N? align=N?</c>; the alignment is encoded as its base-2 logarithm and must be a power of two.
    /// A memory other than 0 sets flag bit 6 and follows the flags (multi-memory's encoding). The offset is a u64 under
    /// <see cref="wideNumbers"/> (3.0: one past 2^32 - 1 is then invalid for a 32-bit memory, not malformed).
    /// </summary>
    // laneFollows: a lane index follows (v128.load8_lane 1), so a lone number there is that lane, not a memory index.
    private void MemArg(SCursor c, uint natural, ByteBuffer output, bool laneFollows = false)
    {
        var memory = IndexSpace.IsIndex(c.Peek) && !(laneFollows && IsLaneIndex(c)) ? memorySpace.Resolve(c.Next()) : 0;
        ulong offset = 0;
        ulong align = natural;
        if (c.Peek is SAtom { Kind: AtomKind.Keyword } o && o.Text.StartsWith("offset=", StringComparison.Ordinal))
        {
            c.Next();
            if (!NumberLiterals.TryParseUnsigned(o.Text["offset=".Length..], wideNumbers ? ulong.MaxValue : uint.MaxValue, out offset))
            {
                var inRange64 = NumberLiterals.TryParseUnsigned(o.Text["offset=".Length..], ulong.MaxValue, out _)
                    || (!NumberLiterals.TryParseInteger(o.Text["offset=".Length..], 64, out _, out var outOfRange) && outOfRange);
                throw o.Error(inRange64 ? "offset out of range" : "unknown operator (malformed offset)");
            }
        }
        if (c.Peek is SAtom { Kind: AtomKind.Keyword } a && a.Text.StartsWith("align=", StringComparison.Ordinal))
        {
            c.Next();
            // 3.0 reads the alignment as a u64 too: 2^63 is well-formed, and invalid (larger than natural).
            if (!NumberLiterals.TryParseUnsigned(a.Text["align=".Length..], wideNumbers ? ulong.MaxValue : uint.MaxValue, out var value))
                throw a.Error("unknown operator (malformed alignment)");
            if (value == 0 || (value & (value - 1)) != 0) throw a.Error("alignment must be a power of two");
            align = value;
        }
        var flags = (uint)System.Numerics.BitOperations.Log2(align);
        if (memory != 0)
        {
            output.U32(flags | 64);
            output.U32(memory);
        }
        else
        {
            output.U32(flags);
        }
        output.U64(offset);
    }

    /// <summary>
    /// Whether the number at the cursor of a lane access is its lane index: a number followed by <c>offset=</c>,
    /// <c>align=</c> or another number is the memory index (<c>v128.load8_lane 1 offset=0 1</c>, <c>v128.load8_lane 1 1</c>),
    /// since the lane index comes last.
    /// </summary>
    private static bool IsLaneIndex(SCursor c)
    {
        if (c.Peek is not SAtom { Kind: AtomKind.Other }) return false;
        return c.PeekAt(1) switch
        {
            SAtom { Kind: AtomKind.Other } => false,
            SAtom { Kind: AtomKind.Keyword } k => !k.Text.StartsWith("offset=", StringComparison.Ordinal) && !k.Text.StartsWith("align=", StringComparison.Ordinal),
            _ => true,
        };
    }

    private static ulong Integer(SNode node, int bits)
    {
        if (node is SAtom { Kind: AtomKind.Other } atom)
        {
            if (NumberLiterals.TryParseInteger(atom.Text, bits, out var value, out var outOfRange)) return value;
            if (outOfRange) throw atom.Error($"i{bits} constant out of range");
        }
        throw node.Error($"unexpected token, expected an i{bits} literal");
    }

    private static uint F32(SNode node)
    {
        if (node is SAtom { Kind: AtomKind.Other or AtomKind.Keyword } atom)
        {
            if (NumberLiterals.TryParseF32(atom.Text, out var bits, out var outOfRange)) return bits;
            if (outOfRange) throw atom.Error("f32 constant out of range");
        }
        throw node.Error("unexpected token, expected an f32 literal");
    }

    private static ulong F64(SNode node)
    {
        if (node is SAtom { Kind: AtomKind.Other or AtomKind.Keyword } atom)
        {
            if (NumberLiterals.TryParseF64(atom.Text, out var bits, out var outOfRange)) return bits;
            if (outOfRange) throw atom.Error("f64 constant out of range");
        }
        throw node.Error("unexpected token, expected an f64 literal");
    }

    /// <summary>A constant expression (global initializer, offset, element item), with its closing <c>end</c>.</summary>
    private void ConstantExpression(SCursor c, ByteBuffer output)
    {
        Instructions(c, new BodyScope(), output);
        output.Byte(0x0B);
    }
}
