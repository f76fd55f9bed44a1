namespace WasmBind.Text;

/// <summary>
/// Recognises constructs of proposals the runtime does not implement, so that text using them is rejected with a
/// reason naming the proposal ("unsupported: GC is not implemented") instead of a bare "unknown operator".
/// Spec runners use the prefix to count such commands as skipped rather than failed.
/// </summary>
public static class UnsupportedFeatures
{
    /// <summary>How the <see cref="MalformedModuleException.Reason"/> of such an error starts.</summary>
    public const string Prefix = "unsupported: ";

    /// <summary>The proposal an instruction name belongs to, or null when it is no instruction of a known proposal.</summary>
    internal static string? OfInstruction(string name)
    {
        if (name.StartsWith("struct.", StringComparison.Ordinal) || name.StartsWith("array.", StringComparison.Ordinal)
            || name.StartsWith("i31.", StringComparison.Ordinal) || name.StartsWith("br_on_cast", StringComparison.Ordinal)
            || name is "ref.i31" or "ref.test" or "ref.cast" or "ref.eq" or "any.convert_extern" or "extern.convert_any")
        {
            return "GC";
        }

        return name switch
        {
            "call_ref" or "return_call_ref" or "ref.as_non_null" or "br_on_null" or "br_on_non_null" => "typed function references",
            "try_table" or "throw" or "throw_ref" or "try" or "catch" or "catch_all" or "delegate" or "rethrow" => "exception handling",
            // In early drafts of relaxed SIMD (opcode 0x114), dropped before standardisation; Wasm 3.0 has no such instruction.
            "f32x4.relaxed_dot_bf16x8_add_f32x4" => "the bf16 dot product (dropped from relaxed SIMD)",
            _ => null,
        };
    }
}
