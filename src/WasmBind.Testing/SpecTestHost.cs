namespace WasmBind.Testing;

/// <summary>The <c>spectest</c> module every spec script may import (see the testsuite README).</summary>
internal static class SpecTestHost
{
    public const string ModuleName = "spectest";

    /// <summary>Defines <c>spectest</c> in <paramref name="linker"/>; its table, memory and globals live in <paramref name="store"/>.</summary>
    /// <param name="log">Where the <c>print*</c> functions write, or null to keep them silent.</param>
    public static void Define(Linker linker, Store store, TextWriter? log)
    {
        DefinePrint(linker, "print", [], log);
        DefinePrint(linker, "print_i32", [ValueType.I32], log);
        DefinePrint(linker, "print_i64", [ValueType.I64], log);
        DefinePrint(linker, "print_f32", [ValueType.F32], log);
        DefinePrint(linker, "print_f64", [ValueType.F64], log);
        DefinePrint(linker, "print_i32_f32", [ValueType.I32, ValueType.F32], log);
        DefinePrint(linker, "print_f64_f64", [ValueType.F64, ValueType.F64], log);

        linker.Define(ModuleName, "global_i32", new Global(store, new GlobalType(ValueType.I32, false), Value.I32(666)));
        linker.Define(ModuleName, "global_i64", new Global(store, new GlobalType(ValueType.I64, false), Value.I64(666)));
        linker.Define(ModuleName, "global_f32", new Global(store, new GlobalType(ValueType.F32, false), Value.F32(666.6f)));
        linker.Define(ModuleName, "global_f64", new Global(store, new GlobalType(ValueType.F64, false), Value.F64(666.6)));
        linker.Define(ModuleName, "table", new Table(store, new TableType(ValueType.FuncRef, new Limits(10, 20))));
        linker.Define(ModuleName, "memory", new Memory(store, new MemoryType(new Limits(1, 2))));
        // Wasm 3.0's spectest also has a 64-bit table (table64.wast imports it).
        if ((store.Engine.Config.Features & WasmFeatures.Memory64) != 0)
            linker.Define(ModuleName, "table64", new Table(store, new TableType(ValueType.FuncRef, new Limits(10, 20)) { Is64 = true }));
        // The threads proposal's scripts import a shared memory of the same limits.
        if ((store.Engine.Config.Features & WasmFeatures.Threads) != 0)
            linker.Define(ModuleName, "shared_memory", new Memory(store, new MemoryType(new Limits(1, 2), Shared: true)));
    }

    private static void DefinePrint(Linker linker, string name, ValueType[] parameters, TextWriter? log)
    {
        var type = new FunctionType(parameters, ReadOnlySpan<ValueType>.Empty);
        linker.DefineFunction(ModuleName, name, type, (_, arguments, _) =>
        {
            if (log is null) return;
            var text = new string[arguments.Length];
            for (var i = 0; i < arguments.Length; i++) text[i] = arguments[i].ToString();
            log.WriteLine($"{ModuleName}.{name}({string.Join(", ", text)})");
        });
    }
}
