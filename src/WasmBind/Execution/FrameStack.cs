using WasmBind.Compilation;
using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>
/// The interpreter's frames as data: one array of 64-bit value slots holding every active frame's locals and operands,
/// and an array of return records, one per suspended caller. It is a mutable struct embedded by value in
/// <see cref="ExecutionStack"/>, so the interpreter loop reaches the arrays and counts with the same single load from
/// the stack object as when they were the stack's own fields (the per-call path gains no indirection).
/// </summary>
internal struct FrameStack
{
    private const int InitialSlots = 1024;
    private const int InitialFrames = 64;

    /// <summary>Every active frame's slots. <see cref="TryEnsureSlots"/> replaces the array when it grows.</summary>
    public ulong[] Slots;

    /// <summary>Return records of the suspended callers; [0..<see cref="Count"/>) are in use.</summary>
    public Frame[] Frames;

    /// <summary>How many return records are in use.</summary>
    public int Count;

    /// <summary>First slot above every active frame: where a nested call from a host function starts its frame.</summary>
    public int Top;

    /// <summary>At most this many functions are active at once (<see cref="EngineConfig.MaxCallDepth"/>).</summary>
    public readonly int MaxCallDepth;

    private readonly int maxSlots;

    public FrameStack(int maxCallDepth, int maxSlots)
    {
        // Empty until the first call: a store claimed only to instantiate (or never called) costs no 9 KB of stacks.
        Slots = [];
        Frames = [];
        MaxCallDepth = maxCallDepth;
        this.maxSlots = maxSlots;
    }

    /// <summary>Makes room for slots up to <paramref name="required"/>; false (nothing changed) past the configured limit.</summary>
    public bool TryEnsureSlots(long required)
    {
        if (required <= Slots.Length) return true;
        if (required > maxSlots) return false;
        var size = Math.Max(Slots.Length, Math.Min(InitialSlots, maxSlots));
        while (size < required) size = (int)Math.Min((long)size * 2, maxSlots);
        Array.Resize(ref Slots, size);
        return true;
    }

    /// <summary>Records a caller that continues at <paramref name="returnPc"/> when its callee returns.</summary>
    public void Push(WasmFunction function, int returnPc, int framePointer)
    {
        if (Count == Frames.Length) Array.Resize(ref Frames, Math.Min(Math.Max(Frames.Length * 2, InitialFrames), MaxCallDepth));
        Frames[Count++] = new Frame(function, returnPc, framePointer);
    }

    /// <summary>
    /// Starts an outermost call at the top of the slots: places its arguments and clears its other locals. The caller
    /// has made room for the frame (<see cref="TryEnsureSlots"/>).
    /// </summary>
    public readonly Activation Begin(CompiledFunction code, ReadOnlySpan<ulong> arguments)
    {
        var activation = new Activation(Count, Top, Top);
        var parameterCount = code.ParameterCount;
        arguments[..parameterCount].CopyTo(Slots.AsSpan(activation.FramePointer));
        Slots.AsSpan(activation.FramePointer + parameterCount, code.LocalCount - parameterCount).Clear();
        return activation;
    }

    /// <summary>Drops an activation's frames. A suspended call below it (if any) keeps its state.</summary>
    public void Unwind(Activation activation)
    {
        Count = activation.EntryFrames;
        Top = activation.EntryTop;
    }

    /// <summary>The return records pushed since <paramref name="entryFrames"/>, outermost first (none if fewer are left).</summary>
    public readonly ReadOnlySpan<Frame> Since(int entryFrames) =>
        // Read in exception filters, where a throw would be swallowed and the filter taken as false.
        Count > entryFrames ? Frames.AsSpan(entryFrames, Count - entryFrames) : default;
}
