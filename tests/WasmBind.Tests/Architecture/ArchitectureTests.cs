using Xunit;

namespace WasmBind.Tests.Architecture;

/// <summary>
/// The runtime's layers depend one way (docs/architecture.md): the binary decoder below validation, validation below
/// the translator (Compilation), the translator below the interpreter (Execution), which only shares the instruction
/// definitions with it. Checked on the compiled WasmBind assembly, so a reference that slips in by any spelling fails.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string Runtime = typeof(Engine).Assembly.Location;

    [Fact]
    public void Validation_does_not_use_Compilation()
    {
        var uses = NamespaceDependencies.UsesOf(Runtime, "WasmBind.Validation", "WasmBind.Compilation");

        Assert.True(uses.Count == 0, "WasmBind.Validation uses WasmBind.Compilation: " + string.Join("; ", uses));
    }

    // The instruction definitions (Op, generated from Instructions.table) live in WasmBind.Instructions, which both
    // the translator and the interpreter use, so the translator needs nothing of the interpreter.
    [Fact]
    public void Compilation_does_not_use_Execution()
    {
        var uses = NamespaceDependencies.UsesOf(Runtime, "WasmBind.Compilation", "WasmBind.Execution");

        Assert.True(uses.Count == 0, "WasmBind.Compilation uses WasmBind.Execution: " + string.Join("; ", uses));
    }

    [Fact]
    public void The_dependency_scan_sees_a_real_dependency()
    {
        // Guards the scanner itself: Compilation builds on Validation's context, so an empty answer here would mean
        // the scan reads nothing and the tests above could never fail.
        var uses = NamespaceDependencies.UsesOf(Runtime, "WasmBind.Compilation", "WasmBind.Validation");

        Assert.Contains(uses, u => u.StartsWith("WasmBind.Validation.ValidationContext ", StringComparison.Ordinal));
    }
}
