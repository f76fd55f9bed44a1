using WasmBind.Jit;

namespace WasmBind.Compilation;

/// <summary>
/// A function body translated into the interpreter's instruction form (see docs/architecture.md).
/// Immutable and shared by every instance of its module.
/// </summary>
internal sealed class CompiledFunction
{
    public required FunctionType Type { get; init; }

    /// <summary>Index in the module's function index space (imports first).</summary>
    public required int FunctionIndex { get; init; }

    /// <summary>The instruction stream: an opcode followed by its operands, all 32-bit.</summary>
    public required int[] Code { get; init; }

    /// <summary>Slots of the parameters plus declared locals (two per <c>v128</c>): the slots a frame starts with.</summary>
    public required int LocalCount { get; init; }

    /// <summary>Slots a frame of this function needs: locals plus the deepest operand stack, at least the result count.</summary>
    public required int FrameSize { get; init; }

    /// <summary>Pairs (instruction index in <see cref="Code"/>, byte offset in the module), ascending, for backtraces.</summary>
    public required int[] SourceMap { get; init; }

    /// <summary>The compiled tier's code for this function, once compiled (see <see cref="TierUp"/>); null while interpreted.</summary>
    internal CompiledBody? CompiledBody;

    /// <summary>Interpreted calls left before a tiered engine compiles the function.</summary>
    internal int TierUpCountdown = TierUp.CallThreshold;

    /// <summary>Whether compilation was requested or done (<see cref="TierUp"/>'s states).</summary>
    internal int TierState;

    /// <summary>Why compilation left the function interpreted, if it did.</summary>
    internal string? NotCompiledReason;

    /// <summary>Slots the parameters take (two per <c>v128</c>).</summary>
    public int ParameterCount => Type.ParameterSlotCount;

    /// <summary>Slots the results take (two per <c>v128</c>).</summary>
    public int ResultCount => Type.ResultSlotCount;

    /// <summary>The module byte offset of the instruction at or before code index <paramref name="pc"/>.</summary>
    public long? ModuleOffsetAt(int pc)
    {
        long? best = null;
        for (var i = 0; i + 1 < SourceMap.Length && SourceMap[i] <= pc; i += 2) best = SourceMap[i + 1];
        return best;
    }
}
