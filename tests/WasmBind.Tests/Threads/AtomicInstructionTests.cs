using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.Threads;

/// <summary>The atomic instructions' results, widths, alignment traps and feature switch (Fixtures/wat/atomics*.wat).</summary>
public sealed class AtomicInstructionTests
{
    private readonly Engine engine = new();
    private readonly Instance instance;
    private readonly Memory memory;

    public AtomicInstructionTests()
    {
        instance = new Linker(engine).Instantiate(new Store(engine), Wat.Load(engine, "atomics"));
        memory = instance.GetMemory("memory")!;
    }

    [Fact]
    public void Threads_is_on_by_default_and_the_exported_memory_is_shared()
    {
        Assert.True(new EngineConfig().Features.HasFlag(WasmFeatures.Threads));
        Assert.True(memory.Type.Shared);
    }

    [Fact]
    public void Read_modify_writes_return_the_old_value_and_store_the_new_one()
    {
        memory.WriteInt32(16, 40);
        Assert.Equal(40, instance.GetFunction<int, int, int>("add32").Call(16, 2));
        Assert.Equal(42, memory.ReadInt32(16));

        memory.WriteInt64(24, 10);
        Assert.Equal(10L, instance.GetFunction<int, long, long>("sub64").Call(24, 11));
        Assert.Equal(-1L, memory.ReadInt64(24));
    }

    [Fact]
    public void Narrow_accesses_touch_only_their_bytes_and_wrap_the_operand()
    {
        memory.WriteInt32(32, unchecked((int)0xAABBCCDD));
        // 8-bit xor: only the low byte changes, the result is zero-extended.
        Assert.Equal(0xDD, instance.GetFunction<int, int, int>("xor8").Call(32, 0x1FF));
        Assert.Equal(unchecked((int)0xAABBCC22), memory.ReadInt32(32));
        // 16-bit add wraps at 16 bits and leaves the upper half alone.
        Assert.Equal(0xCC22, instance.GetFunction<int, int, int>("add16").Call(32, 0x4000));
        Assert.Equal(unchecked((int)0xAABB0C22), memory.ReadInt32(32));
        Assert.Equal(0x22, instance.GetFunction<int, int>("load8").Call(32));
        instance.GetAction<int, int>("store16").Call(34, 0x12345);
        Assert.Equal(0x23450C22, memory.ReadInt32(32));
    }

    [Fact]
    public void Compare_exchange_stores_only_on_a_match_and_wraps_the_expected_value()
    {
        var cmpxchg = instance.GetFunction<int, int, int, int>("cmpxchg32");
        memory.WriteInt32(40, 5);
        Assert.Equal(5, cmpxchg.Call(40, 6, 7));
        Assert.Equal(5, memory.ReadInt32(40));
        Assert.Equal(5, cmpxchg.Call(40, 5, 7));
        Assert.Equal(7, memory.ReadInt32(40));

        memory.WriteInt32(48, 0x7F);
        // The expected 0x17F is compared as the byte 0x7F, so it matches.
        Assert.Equal(0x7F, instance.GetFunction<int, int, int, int>("cmpxchg8").Call(48, 0x17F, 0x1FE));
        Assert.Equal(0xFE, memory.ReadInt32(48));
    }

    [Theory]
    [InlineData("load32", 2)]
    [InlineData("load64", 4)]
    [InlineData("add32", 1)]
    public void An_unaligned_atomic_access_traps_with_UnalignedAtomic(string export, int address)
    {
        var function = instance.GetFunction(export)!;
        Value[] arguments = function.Type.Parameters.Count == 1
            ? [Value.I32(address)]
            : [Value.I32(address), Value.I32(1)];
        var trap = Assert.Throws<TrapException>(() => function.Invoke(arguments));
        Assert.Equal(TrapCode.UnalignedAtomic, trap.Code);
        Assert.Contains("unaligned atomic", trap.Message);
    }

    [Fact]
    public void An_out_of_bounds_atomic_access_traps_with_MemoryOutOfBounds_even_when_also_unaligned()
    {
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction<int, int>("load32").Call(65535));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
    }

    [Fact]
    public void Atomics_see_a_grown_shared_memory()
    {
        Assert.Equal(1, instance.GetFunction<int, int>("grow").Call(1));
        memory.WriteInt32(70_000, 3);
        Assert.Equal(3, instance.GetFunction<int, int, int>("add32").Call(70_000, 1));
        Assert.Equal(4, instance.GetFunction<int, int>("load32").Call(70_000));
    }

    [Fact]
    public void Atomics_work_on_an_unshared_memory_but_wait_traps_and_notify_wakes_nobody()
    {
        var unshared = new Linker(engine).Instantiate(new Store(engine), Wat.Load(engine, "atomics_unshared"));
        Assert.Equal(0, unshared.GetFunction<int, int, int>("add32").Call(0, 5));
        Assert.Equal(5, unshared.GetFunction<int, int, int>("add32").Call(0, 0));
        Assert.Equal(0, unshared.GetFunction<int, int, int>("notify").Call(0, 10));
        var trap = Assert.Throws<TrapException>(() => unshared.GetFunction<int, int, long, int>("wait32").Call(0, 5, 0));
        Assert.Equal(TrapCode.ExpectedSharedMemory, trap.Code);
    }

    [Fact]
    public void Without_the_Threads_feature_atomics_and_shared_memories_are_invalid()
    {
        var noThreads = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar });
        var e = Assert.Throws<InvalidModuleException>(() => Wat.Load(noThreads, "atomics_unshared"));
        Assert.Contains("Threads", e.Message);
        var shared = Assert.Throws<InvalidModuleException>(() => Wat.Load(noThreads, "atomics"));
        Assert.Contains("shared memory requires the Threads feature", shared.Message);
    }

    [Fact]
    public void With_threads_a_shared_memory_without_maximum_decodes_and_is_invalid_without_threads_it_is_malformed()
    {
        // One memory, limits flag 0x02 (shared, no maximum), minimum 0.
        byte[] module = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x02, 0x00];
        var invalid = Assert.Throws<InvalidModuleException>(() => Module.FromBytes(engine, module));
        Assert.Contains("shared memory must have maximum", invalid.Message);
        var noThreads = new Engine(new EngineConfig { Features = WasmFeatures.Wasm2Scalar });
        var malformed = Assert.Throws<MalformedModuleException>(() => Module.FromBytes(noThreads, module));
        Assert.Contains("integer too large", malformed.Message);
    }
}
