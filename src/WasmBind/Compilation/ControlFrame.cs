namespace WasmBind.Compilation;

internal enum ControlKind : byte { Function, Block, Loop, If, Else }

/// <summary>
/// An entry of the validator's control stack, plus what translation needs: where the label's values live
/// and the branch sites still waiting for the label's address.
/// </summary>
internal struct ControlFrame
{
    public ControlKind Kind;
    public ValueType[] Parameters;
    public ValueType[] Results;
    /// <summary>Operand stack height at entry, below the block's parameters.</summary>
    public int Height;
    /// <summary>The validator's "unreachable" flag: the rest of the frame's stack is polymorphic.</summary>
    public bool Unreachable;
    /// <summary>The frame started in unreachable code, so nothing in it is emitted (validation still runs).</summary>
    public bool Dead;
    /// <summary>Head of a chain of code positions to patch with the label's address, threaded through the operands themselves (-1 ends it).</summary>
    public int PatchHead;
    /// <summary>For loops: the code index a branch jumps back to.</summary>
    public int LoopStart;
    /// <summary>For <c>if</c>: the operand of the jump to the else branch (-1 once bound).</summary>
    public int ElsePatch;

    public readonly ValueType[] LabelTypes => Kind == ControlKind.Loop ? Parameters : Results;
}
