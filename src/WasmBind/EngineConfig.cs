
namespace WasmBind;

/// <summary>WebAssembly proposals an engine accepts. The default is the Wasm 2.0 scalar feature set.</summary>
[Flags]
public enum WasmFeatures
{
    /// <summary>The 1.0 (MVP) feature set only.</summary>
    None = 0,
    /// <summary>Import and export of mutable globals.</summary>
    MutableGlobals = 1 << 0,
    /// <summary>Sign-extension operators (<c>i32.extend8_s</c>, ...).</summary>
    SignExtension = 1 << 1,
    /// <summary>Non-trapping float-to-int conversions (<c>i32.trunc_sat_f32_s</c>, ...).</summary>
    SaturatingFloatToInt = 1 << 2,
    /// <summary>Multiple results from functions and blocks, and block parameters.</summary>
    MultiValue = 1 << 3,
    /// <summary>Bulk memory and table operations and passive segments.</summary>
    BulkMemory = 1 << 4,
    /// <summary>Reference types: <c>funcref</c>/<c>externref</c> values, multiple tables, table instructions.</summary>
    ReferenceTypes = 1 << 5,
    /// <summary>Arithmetic (<c>i32.add</c>, <c>i64.mul</c>, ...) in constant expressions (extended-const proposal).</summary>
    ExtendedConst = 1 << 6,
    /// <summary>
    /// The threads proposal: <c>shared</c> memories and the atomic instructions (<c>0xFE</c> prefix: atomic loads,
    /// stores, read-modify-writes, <c>memory.atomic.wait32/64</c>, <c>memory.atomic.notify</c>, <c>atomic.fence</c>).
    /// On by default, as in Wasmtime (since version 15): the proposal is standardised (stage 4). Creating threads is
    /// the embedder's business; this feature only lets modules share memory and synchronise through it.
    /// </summary>
    Threads = 1 << 7,
    /// <summary>
    /// Tail calls (<c>return_call</c>, <c>return_call_indirect</c>): the callee replaces the caller's frame, so tail
    /// recursion runs in constant stack. Part of Wasm 3.0, and on by default in Wasmtime.
    /// </summary>
    TailCall = 1 << 8,
    /// <summary>
    /// 128-bit SIMD (Wasm 2.0): the <c>v128</c> type and its instructions (<c>0xFD</c> prefix). On by default.
    /// </summary>
    Simd = 1 << 9,
    /// <summary>
    /// Multi-memory: a module may define and import several linear memories, and every memory instruction names the
    /// one it uses (a memory index in the memarg, <c>memory.size/grow/fill/copy/init</c> and data segments). Part of
    /// Wasm 3.0, and on by default in Wasmtime. Memory 0 keeps the interpreter's fast path; other memories take
    /// separate, slightly slower instructions.
    /// </summary>
    MultiMemory = 1 << 10,
    /// <summary>
    /// Memory64 and 3.0's 64-bit tables: memories and tables whose type says <c>i64</c> take <c>i64</c> addresses,
    /// sizes and offsets. Part of Wasm 3.0, and on by default in Wasmtime. How large a 64-bit memory may grow is
    /// <see cref="EngineConfig.MaxMemory64Pages"/>.
    /// </summary>
    Memory64 = 1 << 11,
    /// <summary>
    /// The wide-arithmetic proposal: <c>i64.add128</c>, <c>i64.sub128</c>, <c>i64.mul_wide_s</c> and
    /// <c>i64.mul_wide_u</c>. Off by default, as in Wasmtime (the proposal is not yet standard).
    /// </summary>
    WideArithmetic = 1 << 12,
    /// <summary>
    /// Wasm 3.0's rule for constant expressions: <c>global.get</c> may read any earlier immutable global, imported or
    /// defined (a global's initialiser the globals before it, a segment offset every global). Without it, the 2.0
    /// rule: imported globals only, as the Wasm 2.0 suite and the legacy extended-const proposal scripts expect
    /// ("unknown global"). On by default (Wasmtime allows it with GC; the rule is part of Wasm 3.0).
    /// </summary>
    GlobalsInConstantExpressions = 1 << 13,
    /// <summary>
    /// Relaxed SIMD (Wasm 3.0): vector instructions whose result may depend on the hardware. WasmBind gives each one
    /// fixed, documented answer on every platform unless <see cref="EngineConfig.RelaxedSimdNative"/> is set. On by
    /// default; requires <see cref="Simd"/>.
    /// </summary>
    RelaxedSimd = 1 << 14,
    /// <summary>All of WebAssembly 2.0 except SIMD.</summary>
    Wasm2Scalar = MutableGlobals | SignExtension | SaturatingFloatToInt | MultiValue | BulkMemory | ReferenceTypes,
    /// <summary>All of WebAssembly 2.0: <see cref="Wasm2Scalar"/> plus <see cref="Simd"/>.</summary>
    Wasm2 = Wasm2Scalar | Simd,
}

/// <summary>Settings for an <see cref="Engine"/>. Fixed once the engine is created.</summary>
public sealed class EngineConfig
{
    /// <summary>
    /// Which proposals modules may use. Default: <see cref="WasmFeatures.Wasm2"/> (SIMD included) plus
    /// <see cref="WasmFeatures.RelaxedSimd"/>, <see cref="WasmFeatures.ExtendedConst"/>, <see cref="WasmFeatures.Threads"/>, <see cref="WasmFeatures.TailCall"/>,
    /// <see cref="WasmFeatures.MultiMemory"/>, <see cref="WasmFeatures.Memory64"/> and
    /// <see cref="WasmFeatures.GlobalsInConstantExpressions"/> (part of Wasm 3.0, and on by default in Wasmtime).
    /// </summary>
    public WasmFeatures Features { get => features; init => features = value; }

    private WasmFeatures features = DefaultFeatures;

    /// <summary>The value of <see cref="Features"/> when none is given.</summary>
    public const WasmFeatures DefaultFeatures = WasmFeatures.Wasm2 | WasmFeatures.RelaxedSimd | WasmFeatures.ExtendedConst | WasmFeatures.Threads
        | WasmFeatures.TailCall | WasmFeatures.MultiMemory | WasmFeatures.Memory64 | WasmFeatures.GlobalsInConstantExpressions;

    /// <summary>
    /// The most 64 KiB pages a 64-bit memory (<see cref="WasmFeatures.Memory64"/>) may have, whatever its type allows.
    /// Default 262,144 pages (16 GiB). Memory is unmanaged and allocated lazily by the OS, but a grow past the backing's
    /// capacity copies the used bytes, so a host loading untrusted code should keep this near what it can afford.
    /// At most 2^32 - 1 pages (the runtime counts pages in 32 bits). A grow past it fails the way the spec allows
    /// (<c>memory.grow</c> returns -1); a memory whose minimum exceeds it cannot be created
    /// (<see cref="ResourceLimitExceededException"/>).
    /// </summary>
    public ulong MaxMemory64Pages { get; init; } = 262_144;

    /// <summary>
    /// The deepest nesting of WebAssembly calls a store allows before trapping with
    /// <see cref="TrapCode.CallStackExhausted"/>. Frames live on the interpreter's own stack, so this bounds memory, not the .NET stack.
    /// </summary>
    public int MaxCallDepth { get; init; } = 50_000;

    /// <summary>
    /// How many times host functions may call back into WebAssembly on top of each other (guest → host → guest → ...)
    /// before the next call traps with <see cref="TrapCode.CallStackExhausted"/>. Unlike WebAssembly frames, each such
    /// level nests on the .NET stack; the default, 40, is safe on a thread with a 256 KiB stack. Raise it only for
    /// threads with larger stacks: a .NET stack overflow ends the process. Independently, a call also traps when the
    /// .NET stack runs low (<see cref="System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack"/>).
    /// </summary>
    public int MaxHostReentryDepth { get; init; } = 40;

    /// <summary>
    /// The most 64-bit value slots (locals and operands of every active frame) a store's value stack may hold
    /// before trapping with <see cref="TrapCode.CallStackExhausted"/>. Default 4 Mi slots (32 MiB), allocated as needed.
    /// </summary>
    public int MaxValueStackSlots { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Meter execution with fuel (see <see cref="Store.Fuel"/>). Each WebAssembly instruction costs one unit, charged
    /// when its straight-line run of instructions starts; bulk memory and table operations cost one more unit per
    /// 64 bytes or 8 elements, charged before they start. Off by default: when off, no fuel code is compiled in.
    /// </summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>
    /// Check the store's epoch deadline at every function entry and loop iteration, so
    /// <see cref="Engine.IncrementEpoch"/> can interrupt any running code. Off by default: when off, no checks are
    /// compiled in, and cancellation tokens are honoured only at host calls.
    /// </summary>
    public bool EpochInterruption { get; init; }

    /// <summary>
    /// Translate each function on its first call instead of when the module is loaded. Loading still validates every
    /// function, so invalid modules fail at once; it skips building the interpreter's code for functions never called.
    /// Off by default: eager translation costs little more than validation and keeps first calls free of work.
    /// </summary>
    public bool LazyTranslation { get; init; }

    /// <summary>
    /// Relaxed SIMD instructions take the hardware's own choice where it is faster (fused multiply-add, x86
    /// <c>pshufb</c>, <c>minps</c>, <c>cvttps2dq</c>, <c>pblendvb</c>, ...), so a module may get different answers on
    /// x64 and Arm64. Default false: every relaxed instruction gives the spec's deterministic-profile answer on every
    /// machine (docs/simd.md lists them).
    /// </summary>
    public bool RelaxedSimdNative { get; init; }

    /// <summary>
    /// How functions run: <see cref="ExecutionTier.Tiered"/> (the default) starts in the interpreter and compiles
    /// frequently called functions to IL in the background; <see cref="ExecutionTier.Compiled"/> compiles every
    /// function when the module loads; <see cref="ExecutionTier.Interpreter"/> never compiles. Compiled code needs
    /// dynamic code (<see cref="System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled"/>); without it
    /// (NativeAOT) every tier runs the interpreter. Compiled code runs only in synchronous calls: async and resumable
    /// calls run in the interpreter, where they can suspend. The environment variable <c>WASMBIND_TIER</c>
    /// (<c>interpreter</c>, <c>tiered</c> or <c>compiled</c>) changes the default, e.g. to run a test suite in one tier.
    /// </summary>
    public ExecutionTier Tier { get; init; } = DefaultTier();

    private static ExecutionTier DefaultTier() =>
        Environment.GetEnvironmentVariable("WASMBIND_TIER")?.Trim().ToLowerInvariant() switch
        {
            "interpreter" => ExecutionTier.Interpreter,
            "compiled" => ExecutionTier.Compiled,
            _ => ExecutionTier.Tiered,
        };

    /// <summary>A copy of this configuration with other features (for runners that need a second engine like the first).</summary>
    internal EngineConfig WithFeatures(WasmFeatures newFeatures)
    {
        var copy = (EngineConfig)MemberwiseClone();
        copy.features = newFeatures;
        return copy;
    }

    internal void Validate()
    {
        if (!Enum.IsDefined(Tier)) throw new ArgumentOutOfRangeException(nameof(Tier), Tier, "not an ExecutionTier");
        if (MaxCallDepth < 1) throw new ArgumentOutOfRangeException(nameof(MaxCallDepth), MaxCallDepth, "must be at least 1");
        if (MaxHostReentryDepth < 0) throw new ArgumentOutOfRangeException(nameof(MaxHostReentryDepth), MaxHostReentryDepth, "must not be negative");
        if (MaxMemory64Pages > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(MaxMemory64Pages), MaxMemory64Pages, "must be less than 2^32");
        if (MaxValueStackSlots < 1024) throw new ArgumentOutOfRangeException(nameof(MaxValueStackSlots), MaxValueStackSlots, "must be at least 1024");
    }
}
