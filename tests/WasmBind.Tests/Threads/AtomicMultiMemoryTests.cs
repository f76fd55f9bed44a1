using Xunit;

namespace WasmBind.Tests.Threads;

/// <summary>
/// Atomic instructions on a memory other than memory 0 (multi-memory) and on a 64-bit memory (memory64): they reach
/// the memory they name, take its address type, and trap past its end (never wrapping) or when unaligned.
/// </summary>
public sealed class AtomicMultiMemoryTests
{
    private const string Wat = """
        (module
          (memory $zero (export "zero") 1)
          (memory $one (export "one") 1 1 shared)
          (memory $wide (export "wide") i64 1)
          (memory $wide_shared (export "wide_shared") i64 1 1 shared)
          (func (export "add_one") (param i32 i32) (result i32) (i32.atomic.rmw.add $one (local.get 0) (local.get 1)))
          (func (export "cmpxchg_one") (param i32 i64 i64) (result i64) (i64.atomic.rmw.cmpxchg 1 offset=8 (local.get 0) (local.get 1) (local.get 2)))
          (func (export "load_wide") (param i64) (result i64) (i64.atomic.load $wide (local.get 0)))
          (func (export "store8_wide") (param i64 i32) (i32.atomic.store8 $wide (local.get 0) (local.get 1)))
          (func (export "xchg16_wide") (param i64 i32) (result i32) (i32.atomic.rmw16.xchg_u $wide offset=2 (local.get 0) (local.get 1)))
          (func (export "load_wide_far") (param i64) (result i32) (i32.atomic.load $wide offset=0xFFFF_FFFF_FFFF_FFF0 (local.get 0)))
          (func (export "notify_one") (param i32) (result i32) (memory.atomic.notify $one (local.get 0) (i32.const 1)))
          (func (export "wait_one") (param i32 i32 i64) (result i32) (memory.atomic.wait32 $one (local.get 0) (local.get 1) (local.get 2)))
          (func (export "wait_wide_shared") (param i64 i64 i64) (result i32) (memory.atomic.wait64 $wide_shared (local.get 0) (local.get 1) (local.get 2)))
          (func (export "wait_wide") (param i64) (result i32) (memory.atomic.wait32 $wide (local.get 0) (i32.const 0) (i64.const 0))))
        """;

    private const int PageSize = 65536;

    private readonly Instance instance;
    private readonly WasmBind.Memory zero;
    private readonly WasmBind.Memory one;
    private readonly WasmBind.Memory wide;

    public AtomicMultiMemoryTests()
    {
        var engine = new Engine();
        instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Wat));
        zero = instance.GetMemory("zero")!;
        one = instance.GetMemory("one")!;
        wide = instance.GetMemory("wide")!;
    }

    [Fact]
    public void Read_modify_writes_on_memory_1_change_memory_1_only()
    {
        one.WriteInt32(16, 40);
        one.WriteInt64(32, 5);
        var cmpxchg = instance.GetFunction<int, long, long, long>("cmpxchg_one");

        Assert.Equal(40, instance.GetFunction<int, int, int>("add_one").Call(16, 2));
        Assert.Equal(42, one.ReadInt32(16));
        Assert.Equal(5L, cmpxchg.Call(24, 6, 7)); // offset 8: address 32; no match, nothing stored
        Assert.Equal(5L, one.ReadInt64(32));
        Assert.Equal(5L, cmpxchg.Call(24, 5, 7));
        Assert.Equal(7L, one.ReadInt64(32));
        Assert.Equal(0, zero.ReadInt32(16));
        Assert.Equal(0L, zero.ReadInt64(32));
    }

    [Fact]
    public void A_64_bit_memory_takes_i64_addresses_for_atomic_accesses()
    {
        wide.WriteInt64(PageSize - 8, 0x0102030405060708);
        instance.GetAction<long, int>("store8_wide").Call(100, 0x1AB);

        Assert.Equal(0x0102030405060708, instance.GetFunction<long, long>("load_wide").Call(PageSize - 8));
        Assert.Equal(0xAB, wide.ReadByte(100));
        Assert.Equal(0x0708, instance.GetFunction<long, int, int>("xchg16_wide").Call(PageSize - 10, 0x9999));
        Assert.Equal(0x9999, wide.ReadInt16(PageSize - 8) & 0xFFFF);
    }

    [Theory]
    [InlineData(PageSize)]
    [InlineData(PageSize - 4)] // aligned, but straddles the end
    [InlineData(1L << 32)] // a 32-bit truncation would reach byte 0
    [InlineData(-8)] // 2^64 - 8: address + 8 wraps to 0
    [InlineData(long.MaxValue - 7)]
    public void Atomic_accesses_past_the_end_of_a_64_bit_memory_trap_instead_of_wrapping(long address)
    {
        var load = instance.GetFunction<long, long>("load_wide");

        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => load.Call(address)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)] // 2^64 - 16 + 16 is 0 modulo 2^64: a check on the wrapped sum would read byte 0
    public void A_huge_64_bit_offset_traps_instead_of_wrapping(long address)
    {
        var far = instance.GetFunction<long, int>("load_wide_far");

        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => far.Call(address)).Code);
    }

    [Fact]
    public void Unaligned_atomic_accesses_on_other_memories_trap()
    {
        Assert.Equal(TrapCode.UnalignedAtomic, Assert.Throws<TrapException>(() => instance.GetFunction<int, int, int>("add_one").Call(2, 1)).Code);
        Assert.Equal(TrapCode.UnalignedAtomic, Assert.Throws<TrapException>(() => instance.GetFunction<long, long>("load_wide").Call(4)).Code);
        Assert.Equal(0, one.ReadInt32(0));
    }

    [Fact]
    public void Wait_and_notify_use_the_named_memory_and_its_sharedness()
    {
        one.WriteInt32(64, 3);
        var wait = instance.GetFunction<int, int, long, int>("wait_one");
        var waitWide = instance.GetFunction<long, long, long, int>("wait_wide_shared");

        Assert.Equal(1, wait.Call(64, 4, -1)); // not equal: memory 1 holds 3 (memory 0 holds 0)
        Assert.Equal(2, wait.Call(64, 3, 0)); // equal, timed out at once
        Assert.Equal(2, waitWide.Call(PageSize - 8, 0, 0));
        Assert.Equal(0, instance.GetFunction<int, int>("notify_one").Call(64)); // nobody waits
        Assert.Equal(TrapCode.ExpectedSharedMemory,
            Assert.Throws<TrapException>(() => instance.GetFunction<long, int>("wait_wide").Call(0)).Code);
    }

    [Theory]
    [InlineData("(module (memory 1) (memory i64 1) (func (drop (i32.atomic.load 1 (i32.const 0)))))")] // i32 address on an i64 memory
    [InlineData("(module (memory 1) (memory i64 1) (func (drop (i32.atomic.load 0 (i64.const 0)))))")] // i64 address on an i32 memory
    [InlineData("(module (memory 1) (memory 1) (func (drop (i32.atomic.load 1 align=2 (i32.const 0)))))")] // alignment not natural
    [InlineData("(module (memory 1) (memory 1) (func (drop (i32.atomic.load 1 offset=0x1_0000_0000 (i32.const 0)))))")] // offset past 2^32 - 1
    [InlineData("(module (memory 1) (func (drop (i32.atomic.load 1 (i32.const 0)))))")] // no memory 1
    public void Atomic_accesses_are_validated_against_the_memory_they_name(string text)
    {
        Assert.Throws<InvalidModuleException>(() => Module.FromText(new Engine(), text));
    }

    [Fact]
    public void An_atomic_memarg_with_a_memory_index_is_skipped_correctly_when_a_later_error_is_reported()
    {
        // The translator finds the type error; the body's syntax is then read again to choose between "malformed" and
        // "invalid", which must step over the memarg's memory index (flag bit 6).
        var error = Assert.Throws<InvalidModuleException>(() => Module.FromText(new Engine(),
            "(module (memory 1) (memory 1) (func (drop (i32.atomic.load 1 offset=3 (i32.const 0))) (i32.add)))"));

        Assert.Contains("type mismatch", error.Reason, StringComparison.Ordinal);
    }
}
