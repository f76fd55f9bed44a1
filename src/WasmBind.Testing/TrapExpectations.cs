namespace WasmBind.Testing;

/// <summary>
/// Maps the reference interpreter's trap messages to trap codes. The README asks to match on meaning, not wording.
/// </summary>
internal static class TrapExpectations
{
    /// <summary>The codes that satisfy <paramref name="text"/>, or null when any trap does (a message we do not know).</summary>
    public static IReadOnlyList<TrapCode>? CodesFor(string? text) => text switch
    {
        null => null,
        "unreachable" or "unreachable executed" => [TrapCode.Unreachable],
        "out of bounds memory access" => [TrapCode.MemoryOutOfBounds],
        "out of bounds table access" => [TrapCode.TableOutOfBounds],
        // The spec tells these apart: "undefined" is a call_indirect index past the table's end, "uninitialized" a null entry.
        "undefined element" => [TrapCode.UndefinedElement],
        _ when text.StartsWith("uninitialized element", StringComparison.Ordinal) => [TrapCode.UninitializedElement],
        "indirect call type mismatch" => [TrapCode.IndirectCallTypeMismatch],
        "null reference" or "null function reference" => [TrapCode.NullReference],
        "integer divide by zero" => [TrapCode.IntegerDivideByZero],
        "integer overflow" => [TrapCode.IntegerOverflow],
        "invalid conversion to integer" => [TrapCode.BadConversionToInteger],
        "call stack exhausted" => [TrapCode.CallStackExhausted],
        "unaligned atomic" => [TrapCode.UnalignedAtomic],
        "expected shared memory" => [TrapCode.ExpectedSharedMemory],
        _ => null,
    };

    /// <summary>Null when <paramref name="trap"/> is the trap the script expects, else why not.</summary>
    public static string? Mismatch(string? text, TrapException trap)
    {
        var codes = CodesFor(text);
        return codes is null || codes.Contains(trap.Code)
            ? null
            : $"expected trap \"{text}\", got trap {trap.Code}: {trap.Message}";
    }
}
