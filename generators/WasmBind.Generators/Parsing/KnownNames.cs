namespace WasmBind.Generators.Parsing;

/// <summary>Metadata names of the runtime types the generator recognises.</summary>
internal static class KnownNames
{
    public const string WasmImportsAttribute = "WasmBind.WasmImportsAttribute";
    public const string WasmExportsAttribute = "WasmBind.WasmExportsAttribute";
    public const string WasmNameAttribute = "WasmBind.WasmNameAttribute";
    public const string WasmThrowsAttribute = "WasmBind.Bindings.WasmThrowsAttribute";

    /// <summary>The attributes' option for the guest's string encoding (<c>WasmBind.WasmStringEncoding</c>).</summary>
    public const string StringEncodingProperty = "StringEncoding";

    /// <summary>The attributes' option for the guest's allocator export.</summary>
    public const string AllocatorProperty = "Allocator";

    /// <summary>The attributes' option for the guest's memory export.</summary>
    public const string MemoryProperty = "Memory";

    public const string DefaultAllocator = "cabi_realloc";
    public const string DefaultMemory = "memory";
}
