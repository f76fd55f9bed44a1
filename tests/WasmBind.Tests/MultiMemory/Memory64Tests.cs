using Xunit;

namespace WasmBind.Tests.MultiMemory;

/// <summary>
/// Memory64 and 64-bit tables: <c>i64</c> addresses, offsets and sizes; bounds checks that cannot wrap; memories past
/// 4 GiB up to <see cref="EngineConfig.MaxMemory64Pages"/>; table instructions and <c>call_indirect</c> with <c>i64</c> indices.
/// </summary>
public sealed class Memory64Tests
{
    private const string Module = """
        (module
          (memory $m (export "mem") i64 1)
          (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
          (func (export "load_far") (param i64) (result i32) (i32.load offset=0xFFFF_FFFF_FFFF_FFF0 (local.get 0)))
          (func (export "store8") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
          (func (export "size") (result i64) (memory.size))
          (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
          (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
        """;

    private static Instance Instantiate(Engine engine) =>
        new Linker(engine).Instantiate(new Store(engine), WasmBind.Module.FromText(engine, Module));

    [Fact]
    public void A_64_bit_memory_takes_i64_addresses_and_sizes()
    {
        var instance = Instantiate(new Engine());
        var memory = instance.GetMemory("mem")!;

        Assert.True(memory.Type.Is64);
        memory.WriteInt64(8, 0x0102030405060708);
        Assert.Equal(0x0102030405060708, instance.GetFunction<long, long>("load").Call(8));
        Assert.Equal(1L, instance.GetFunction<long>("size").Call());
        Assert.Equal(1L, instance.GetFunction<long, long>("grow").Call(1));
        Assert.Equal(2L, instance.GetFunction<long>("size").Call());
    }

    [Theory]
    [InlineData(65536 - 7)] // straddles the end
    [InlineData(-8)] // 2^64 - 8: address + 8 wraps to 0
    [InlineData(long.MaxValue)]
    public void Addresses_near_the_end_of_the_address_space_trap_instead_of_wrapping(long address)
    {
        var load = Instantiate(new Engine()).GetFunction<long, long>("load");

        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => load.Call(address)).Code);
    }

    [Fact]
    public void A_64_bit_offset_that_would_wrap_the_address_traps()
    {
        // offset 2^64 - 16 plus address 16 is 0 modulo 2^64: a check on the wrapped sum would let it read byte 0.
        var loadFar = Instantiate(new Engine()).GetFunction<long, int>("load_far");

        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => loadFar.Call(16)).Code);
    }

    [Fact]
    public void Bulk_operations_with_lengths_that_would_wrap_trap()
    {
        var fill = Instantiate(new Engine()).GetAction<long, int, long>("fill");

        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => fill.Call(16, 1, -8)).Code);
    }

    [Fact]
    public void A_memory_grows_past_4_GiB_and_its_bytes_there_are_reachable()
    {
        var instance = Instantiate(new Engine());
        var memory = instance.GetMemory("mem")!;

        Assert.Equal(1L, instance.GetFunction<long, long>("grow").Call(65536)); // 65,537 pages: 4 GiB + 64 KiB
        const long beyond4GiB = (1L << 32) + 100;
        instance.GetAction<long, int>("store8").Call(beyond4GiB, 0x5A);

        Assert.Equal(65537u, memory.Pages);
        Assert.Equal(0x5A, memory.ReadByte(beyond4GiB));
        Assert.Equal(0x5AL << 32 >> 32, instance.GetFunction<long, long>("load").Call(beyond4GiB) & 0xFF);
        Assert.Equal(0, memory.ReadByte(100)); // not aliased onto the low bytes
    }

    [Fact]
    public void Growth_stops_at_the_configured_maximum()
    {
        var engine = new Engine(new EngineConfig { MaxMemory64Pages = 4 });
        var instance = Instantiate(engine);

        Assert.Equal(1L, instance.GetFunction<long, long>("grow").Call(3));
        Assert.Equal(-1L, instance.GetFunction<long, long>("grow").Call(1));
        Assert.Equal(-1L, instance.GetFunction<long, long>("grow").Call(long.MaxValue));
        Assert.Throws<ResourceLimitExceededException>(() =>
            new Memory(new Store(engine), new MemoryType(new Limits(5, null)) { Is64 = true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Engine(new EngineConfig { MaxMemory64Pages = 1UL << 32 }));
    }

    [Fact]
    public void A_32_bit_memory_cannot_satisfy_a_64_bit_import()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine).Define("env", "mem", new Memory(store, new MemoryType(new Limits(1, null))));
        var module = WasmBind.Module.FromText(engine, "(module (import \"env\" \"mem\" (memory i64 1)))");

        Assert.Throws<LinkException>(() => linker.Instantiate(store, module));
    }

    [Fact]
    public void Without_the_switch_a_64_bit_memory_is_malformed()
    {
        var engine = new Engine(new EngineConfig { Features = EngineConfig.DefaultFeatures & ~WasmFeatures.Memory64 });

        Assert.Throws<MalformedModuleException>(() => WasmBind.Module.FromText(engine, "(module (memory i64 1))"));
    }

    private const string Table64 = """
        (module
          (type $f (func (result i32)))
          (table $t i64 4 funcref)
          (elem (table $t) (i64.const 1) func $seven)
          (func $seven (type $f) (i32.const 7))
          (func (export "call") (param i64) (result i32) (call_indirect $t (type $f) (local.get 0)))
          (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t (local.get 0))))
          (func (export "size") (result i64) (table.size $t))
          (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null func) (local.get 0)))
          (func (export "fill") (param i64 i64) (table.fill $t (local.get 0) (ref.null func) (local.get 1))))
        """;

    [Fact]
    public void A_64_bit_table_takes_i64_indices()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), WasmBind.Module.FromText(engine, Table64));

        Assert.Equal(7, instance.GetFunction<long, int>("call").Call(1));
        Assert.Equal(0, instance.GetFunction<long, int>("is_null").Call(1));
        Assert.Equal(4L, instance.GetFunction<long>("size").Call());
        Assert.Equal(4L, instance.GetFunction<long, long>("grow").Call(2));
        Assert.Equal(-1L, instance.GetFunction<long, long>("grow").Call(1L << 40));
        Assert.Equal(6L, instance.GetFunction<long>("size").Call());
    }

    [Theory]
    [InlineData(1L << 32)] // would be index 0 if truncated to 32 bits
    [InlineData((1L << 32) + 1)] // would be index 1, the function, if truncated
    [InlineData(-1L)]
    public void A_64_bit_table_index_past_2_to_the_32_is_out_of_bounds_not_truncated(long index)
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), WasmBind.Module.FromText(engine, Table64));

        Assert.Equal(TrapCode.UndefinedElement, Assert.Throws<TrapException>(() => instance.GetFunction<long, int>("call").Call(index)).Code);
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<TrapException>(() => instance.GetFunction<long, int>("is_null").Call(index)).Code);
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<TrapException>(() => instance.GetAction<long, long>("fill").Call(0, index)).Code);
    }
}
