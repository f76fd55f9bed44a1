using Xunit;

namespace WasmBind.Tests.MultiMemory;

/// <summary>
/// Multi-memory: several memories per module, each instruction reaching the one it names (loads, stores,
/// <c>memory.size/grow/fill/copy/init</c>, data segments, imports and exports), behind <see cref="WasmFeatures.MultiMemory"/>.
/// </summary>
public sealed class MultiMemoryTests
{
    private const string Module = """
        (module
          (memory $a (export "a") 1)
          (memory $b (export "b") 1 3)
          (data (memory $b) (i32.const 16) "\2a\00\00\00")
          (data $passive "\07\08\09")
          (func (export "load_a") (param i32) (result i32) (i32.load $a (local.get 0)))
          (func (export "load_b") (param i32) (result i32) (i32.load $b offset=4 (local.get 0)))
          (func (export "store_b") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
          (func (export "load8_b") (param i32) (result i32) (i32.load8_s $b (local.get 0)))
          (func (export "size_b") (result i32) (memory.size $b))
          (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
          (func (export "fill_b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy_b_to_a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init_b") (param i32) (memory.init $b $passive (local.get 0) (i32.const 0) (i32.const 3))))
        """;

    private static (Instance Instance, Memory A, Memory B) Instantiate()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), WasmBind.Module.FromText(engine, Module));
        return (instance, instance.GetMemory("a")!, instance.GetMemory("b")!);
    }

    [Fact]
    public void Data_segments_and_accesses_reach_the_memory_they_name()
    {
        var (instance, a, b) = Instantiate();

        Assert.Equal(42, b.ReadInt32(16));
        Assert.Equal(0, a.ReadInt32(16));
        Assert.Equal(42, instance.GetFunction<int, int>("load_b").Call(12));
        Assert.Equal(0, instance.GetFunction<int, int>("load_a").Call(16));

        instance.GetAction<int, int>("store_b").Call(100, -5);
        Assert.Equal(-5, b.ReadInt32(100));
        Assert.Equal(0, a.ReadInt32(100));
        Assert.Equal(-5, instance.GetFunction<int, int>("load8_b").Call(100));
    }

    [Fact]
    public void Size_grow_fill_copy_and_init_work_on_another_memory()
    {
        var (instance, a, b) = Instantiate();

        Assert.Equal(1, instance.GetFunction<int>("size_b").Call());
        Assert.Equal(1, instance.GetFunction<int, int>("grow_b").Call(2));
        Assert.Equal(-1, instance.GetFunction<int, int>("grow_b").Call(1)); // past b's maximum of 3
        Assert.Equal(3, instance.GetFunction<int>("size_b").Call());
        Assert.Equal(1u, a.Pages);

        instance.GetAction<int, int, int>("fill_b").Call(200, 0x11, 4);
        Assert.Equal(0x11111111, b.ReadInt32(200));
        instance.GetAction<int, int, int>("copy_b_to_a").Call(300, 200, 4);
        Assert.Equal(0x11111111, a.ReadInt32(300));
        instance.GetAction<int>("init_b").Call(500);
        Assert.Equal(new byte[] { 7, 8, 9 }, b.GetSpan(500, 3).ToArray());
        Assert.Equal(0, a.ReadByte(500));
    }

    [Fact]
    public void An_access_past_another_memory_traps_even_where_memory_0_is_larger()
    {
        var engine = new Engine();
        var module = WasmBind.Module.FromText(engine, """
            (module
              (memory 4)
              (memory $small 1)
              (func (export "load_small") (param i32) (result i32) (i32.load $small (local.get 0))))
            """);
        var load = new Linker(engine).Instantiate(new Store(engine), module).GetFunction<int, int>("load_small");

        Assert.Equal(0, load.Call(65532));
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => load.Call(65533)).Code);
    }

    [Fact]
    public void An_imported_memory_and_a_defined_one_are_distinct()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var shared = new Memory(store, new MemoryType(new Limits(1, null)));
        var linker = new Linker(engine).Define("env", "mem", shared);
        var module = WasmBind.Module.FromText(engine, """
            (module
              (memory $imported (import "env" "mem") 1)
              (memory $own 1)
              (func (export "put") (param i32)
                (i32.store $imported (i32.const 0) (local.get 0))
                (i32.store $own (i32.const 0) (i32.add (local.get 0) (i32.const 1)))))
            """);

        linker.Instantiate(store, module).GetAction<int>("put").Call(10);

        Assert.Equal(10, shared.ReadInt32(0));
    }

    [Fact]
    public void Without_the_switch_a_second_memory_is_invalid()
    {
        var engine = new Engine(new EngineConfig { Features = EngineConfig.DefaultFeatures & ~WasmFeatures.MultiMemory });

        var error = Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromText(engine, "(module (memory 1) (memory 1))"));

        Assert.Equal("multiple memories", error.Reason);
    }

    [Fact]
    public void Memarg_flags_of_128_or_more_are_malformed()
    {
        // i32.load with flags 0x80 0x01 (128): 3.0's binary format has no such flag.
        byte[] bytes =
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x05, 0x03, 0x01, 0x00, 0x01,
            0x0A, 0x0B, 0x01, 0x09, 0x00, 0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B,
        ];
        var engine = new Engine();

        var error = Assert.Throws<MalformedModuleException>(() => WasmBind.Module.FromBytes(engine, bytes));

        Assert.Equal("malformed memop flags", error.Reason);
        // Under 2.0's rules the same byte is an alignment exponent, too large: invalid, not malformed.
        Assert.Throws<InvalidModuleException>(() => WasmBind.Module.FromBytes(new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar }), bytes));
    }
}
