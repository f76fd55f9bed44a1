namespace WasmBind.Linking;

/// <summary>The spec's import subtyping ("matching", valid/types.rst): when a provided external may satisfy an import.</summary>
internal static class ImportMatcher
{
    /// <summary>Whether <paramref name="actual"/> (what is provided) matches <paramref name="expected"/> (what the module imports).</summary>
    public static bool Matches(ExternType expected, ExternType actual) => (expected, actual) switch
    {
        (FunctionType e, FunctionType a) => e.Equals(a),
        (TableType e, TableType a) => e.ElementType == a.ElementType && e.Is64 == a.Is64 && e.Limits.Accepts(a.Limits),
        // Sharing is part of the type in the threads proposal: a shared memory cannot stand for an unshared one or back.
        (MemoryType e, MemoryType a) => e.Shared == a.Shared && e.Is64 == a.Is64 && e.Limits.Accepts(a.Limits),
        (GlobalType e, GlobalType a) => e == a,
        _ => false,
    };

    public static LinkException Incompatible(string module, string name, ExternType expected, ExternType actual) =>
        new($"incompatible import type for `{module}::{name}`: expected {expected}, found {actual}", module, name);

    public static LinkException Unknown(string module, string name) =>
        new($"unknown import: `{module}::{name}` has not been defined", module, name);
}
