using WasmBind.Binary;

namespace WasmBind.Validation;

/// <summary>
/// The spec's validation context C: the types of everything a module's code can refer to, in index-space order
/// (imports first). Built once per module; function bodies are validated against it.
/// </summary>
internal sealed class ValidationContext
{
    public required ModuleDefinition Module { get; init; }
    public required WasmFeatures Features { get; init; }
    public required FunctionType[] Types { get; init; }
    /// <summary>Type index of every function, imports first.</summary>
    public required int[] FunctionTypeIndices { get; init; }
    public required TableType[] Tables { get; init; }
    public required MemoryType[] Memories { get; init; }
    public required GlobalType[] Globals { get; init; }
    public required int ImportedGlobalCount { get; init; }
    public required ValueType[] ElementTypes { get; init; }
    /// <summary>Functions that <c>ref.func</c> in a body may name (C.refs): those referenced outside function bodies.</summary>
    public required bool[] DeclaredFunctionReferences { get; init; }

    /// <summary>Whether translation inserts fuel charges (<see cref="EngineConfig.ConsumeFuel"/>).</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>Whether translation inserts epoch checks (<see cref="EngineConfig.EpochInterruption"/>).</summary>
    public bool EpochInterruption { get; init; }

    public FunctionType FunctionType(int index) => Types[FunctionTypeIndices[index]];

    public bool Has(WasmFeatures feature) => (Features & feature) == feature;
}
