namespace WasmBind;

/// <summary>One frame of a WebAssembly backtrace.</summary>
/// <param name="ModuleName">The module's name from its name section, if any.</param>
/// <param name="FunctionIndex">The function's index in its module's function index space.</param>
/// <param name="FunctionName">The function's name from the name section (or export), if any.</param>
/// <param name="ModuleOffset">The byte offset of the instruction in the module binary, if known.</param>
public readonly record struct WasmFrame(string? ModuleName, int FunctionIndex, string? FunctionName, long? ModuleOffset)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var func = FunctionName ?? $"<func {FunctionIndex}>";
        var where = ModuleOffset is { } o ? $" @ 0x{o:x}" : "";
        return ModuleName is null ? $"{func}{where}" : $"{ModuleName}!{func}{where}";
    }
}

/// <summary>WebAssembly execution trapped. The call's effects up to the trap stay; the store remains usable.</summary>
public sealed class TrapException : WasmException
{
    /// <summary>Creates a trap.</summary>
    public TrapException(TrapCode code, string? message = null, Exception? innerException = null)
        : base(message ?? DescribeCode(code), innerException)
    {
        Code = code;
    }

    /// <summary>Why execution trapped.</summary>
    public TrapCode Code { get; }

    /// <summary>The WebAssembly frames active at the trap, innermost first.</summary>
    public IReadOnlyList<WasmFrame> Backtrace { get; internal set; } = [];

    /// <summary>The trap message followed by the backtrace.</summary>
    public override string ToString()
    {
        if (Backtrace.Count == 0) return base.ToString();
        var sb = new System.Text.StringBuilder(base.ToString());
        sb.AppendLine().Append("wasm backtrace:");
        for (var i = 0; i < Backtrace.Count; i++) sb.AppendLine().Append($"  {i}: {Backtrace[i]}");
        return sb.ToString();
    }

    /// <summary>The spec's wording for each trap code.</summary>
    public static string DescribeCode(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.UndefinedElement => "undefined element",
        TrapCode.UninitializedElement => "uninitialized element",
        TrapCode.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapCode.NullReference => "null reference",
        TrapCode.IntegerDivideByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.CallStackExhausted => "call stack exhausted",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.Interrupted => "interrupted",
        TrapCode.ResourceLimitExceeded => "resource limit exceeded: a memory or table could not grow",
        TrapCode.HostError => "host function failed",
        TrapCode.InvalidCanonicalValue => "invalid value lifted from the guest",
        TrapCode.UnalignedAtomic => "unaligned atomic",
        TrapCode.ExpectedSharedMemory => "expected shared memory",
        _ => code.ToString(),
    };
}
