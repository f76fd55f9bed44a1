using System.Runtime.Intrinsics;
using Xunit;

namespace WasmBind.Tests.Simd;

/// <summary>
/// Vector loads and stores on a memory other than memory 0 (multi-memory) and on a 64-bit memory (memory64): they
/// reach the memory they name, take the address type it has, and trap at its end without wrapping, whatever the
/// 64-bit address and offset.
/// </summary>
public sealed class SimdMultiMemoryTests
{
    private const string Wat = """
        (module
          (memory $zero (export "zero") 1)
          (memory $one (export "one") 1)
          (memory $wide (export "wide") i64 1)
          (func (export "load_lane_one") (param i32 v128) (result v128) (v128.load32_lane $one 2 (local.get 0) (local.get 1)))
          (func (export "load8_lane_numbered") (param i32 v128) (result v128) (v128.load8_lane 1 offset=1 3 (local.get 0) (local.get 1)))
          (func (export "load8_lane_zero") (param i32 v128) (result v128) (v128.load8_lane 1 (local.get 0) (local.get 1)))
          (func (export "store_lane_one") (param i32 v128) (v128.store16_lane 1 offset=2 3 (local.get 0) (local.get 1)))
          (func (export "splat_one") (param i32) (result v128) (v128.load16_splat $one (local.get 0)))
          (func (export "load_one") (param i32) (result v128) (v128.load $one offset=16 (local.get 0)))
          (func (export "store_one") (param i32 v128) (v128.store $one (local.get 0) (local.get 1)))
          (func (export "load_lane_wide") (param i64 v128) (result v128) (v128.load64_lane $wide 1 (local.get 0) (local.get 1)))
          (func (export "store_lane_wide") (param i64 v128) (v128.store8_lane $wide 15 (local.get 0) (local.get 1)))
          (func (export "splat_wide") (param i64) (result v128) (v128.load32_splat $wide (local.get 0)))
          (func (export "splat_wide_far") (param i64) (result v128) (v128.load8_splat $wide offset=0xFFFF_FFFF_FFFF_FFF0 (local.get 0)))
          (func (export "extend_wide") (param i64) (result v128) (v128.load8x8_s $wide offset=8 (local.get 0)))
          (func (export "zero_wide") (param i64) (result v128) (v128.load64_zero $wide (local.get 0)))
          (func (export "store_wide") (param i64 v128) (v128.store $wide (local.get 0) (local.get 1))))
        """;

    private const int PageSize = 65536;

    private readonly Instance instance;
    private readonly WasmBind.Memory zero;
    private readonly WasmBind.Memory one;
    private readonly WasmBind.Memory wide;

    public SimdMultiMemoryTests()
    {
        var engine = new Engine();
        instance = new Linker(engine).Instantiate(new Store(engine), Module.FromText(engine, Wat));
        zero = instance.GetMemory("zero")!;
        one = instance.GetMemory("one")!;
        wide = instance.GetMemory("wide")!;
    }

    [Fact]
    public void Lane_loads_stores_and_splats_reach_memory_1_and_leave_memory_0_alone()
    {
        one.WriteInt32(100, 0x11223344);
        one.WriteInt16(200, 0x5566);
        var loadLane = instance.GetFunction<int, Vector128<int>, Vector128<int>>("load_lane_one");
        var splat = instance.GetFunction<int, Vector128<short>>("splat_one");
        var storeLane = instance.GetAction<int, Vector128<short>>("store_lane_one");

        Assert.Equal(Vector128.Create(1, 2, 0x11223344, 4), loadLane.Call(100, Vector128.Create(1, 2, 3, 4)));
        Assert.Equal(Vector128.Create((short)0x5566), splat.Call(200));
        storeLane.Call(300, Vector128.Create(0, 1, 2, 0x7788, 4, 5, 6, 7).AsInt16());

        Assert.Equal(0x7788, one.ReadInt16(302)); // lane 3 at address 300 + offset 2
        Assert.Equal(0, zero.ReadInt32(100));
        Assert.Equal(0, zero.ReadInt16(302));
    }

    [Fact]
    public void A_number_before_the_memarg_of_a_lane_access_is_the_memory_and_a_lone_number_is_the_lane()
    {
        one.WriteByte(11, 0xAB);
        zero.WriteByte(10, 0xCD);
        var numbered = instance.GetFunction<int, Vector128<byte>, Vector128<byte>>("load8_lane_numbered");
        var onZero = instance.GetFunction<int, Vector128<byte>, Vector128<byte>>("load8_lane_zero");

        // "v128.load8_lane 1 offset=1 3": memory 1, lane 3. "v128.load8_lane 1": memory 0, lane 1.
        Assert.Equal(0xAB, numbered.Call(10, Vector128<byte>.Zero).GetElement(3));
        Assert.Equal(0xCD, onZero.Call(10, Vector128<byte>.Zero).GetElement(1));
    }

    [Fact]
    public void Accesses_on_memory_1_trap_at_its_edge_and_a_32_bit_address_plus_offset_does_not_wrap()
    {
        var loadLane = instance.GetFunction<int, Vector128<int>, Vector128<int>>("load_lane_one");
        var storeLane = instance.GetAction<int, Vector128<short>>("store_lane_one");
        var load = instance.GetFunction<int, Vector128<byte>>("load_one");
        var store = instance.GetAction<int, Vector128<byte>>("store_one");
        one.WriteInt32(PageSize - 4, 42);

        Assert.Equal(42, loadLane.Call(PageSize - 4, Vector128<int>.Zero).GetElement(2));
        storeLane.Call(PageSize - 4, Vector128.Create((short)9)); // bytes 65534..65535
        Assert.Equal(9, one.ReadInt16(PageSize - 2));
        load.Call(PageSize - 32);

        AssertTrap(() => loadLane.Call(PageSize - 3, Vector128<int>.Zero));
        AssertTrap(() => storeLane.Call(PageSize - 3, Vector128<short>.Zero));
        AssertTrap(() => load.Call(PageSize - 31));
        AssertTrap(() => load.Call(-1)); // 0xFFFF_FFFF + 16 would be 15 if it wrapped at 32 bits
        AssertTrap(() => store.Call(PageSize - 15, Vector128.Create((byte)0xEE)));
        Assert.Equal(0, one.ReadByte(PageSize - 15)); // the trapping store wrote nothing
    }

    [Fact]
    public void A_64_bit_memory_takes_i64_addresses_for_lane_accesses_splats_and_extends()
    {
        wide.WriteInt64(1000, 0x0102030405060708);
        wide.WriteInt32(2000, 0x0A0B0C0D);
        wide.WriteInt64(3008, unchecked((long)0x80FF_7F01_0203_0405));
        var loadLane = instance.GetFunction<long, Vector128<long>, Vector128<long>>("load_lane_wide");
        var storeLane = instance.GetAction<long, Vector128<byte>>("store_lane_wide");
        var splat = instance.GetFunction<long, Vector128<int>>("splat_wide");
        var extend = instance.GetFunction<long, Vector128<short>>("extend_wide");
        var loadZero = instance.GetFunction<long, Vector128<long>>("zero_wide");

        Assert.Equal(Vector128.Create(7L, 0x0102030405060708), loadLane.Call(1000, Vector128.Create(7L, 8L)));
        Assert.Equal(Vector128.Create(0x0A0B0C0D), splat.Call(2000));
        Assert.Equal(Vector128.Create((short)5, 4, 3, 2, 1, 127, -1, -128), extend.Call(3000));
        Assert.Equal(Vector128.Create(0x0102030405060708, 0L), loadZero.Call(1000));
        var lanes = new byte[16];
        lanes[15] = 0x99;
        storeLane.Call(4000, Vector128.Create(lanes));
        Assert.Equal(0x99, wide.ReadByte(4000));
    }

    [Theory]
    [InlineData(PageSize - 7)] // straddles the end
    [InlineData(PageSize)]
    [InlineData(1L << 32)] // a 32-bit truncation would read byte 0
    [InlineData(-8)] // 2^64 - 8: address + 8 wraps to 0
    [InlineData(long.MaxValue)]
    public void Accesses_on_a_64_bit_memory_trap_past_its_end_and_never_wrap(long address)
    {
        var loadLane = instance.GetFunction<long, Vector128<long>, Vector128<long>>("load_lane_wide");
        var store = instance.GetAction<long, Vector128<byte>>("store_wide");

        AssertTrap(() => loadLane.Call(address, Vector128<long>.Zero));
        AssertTrap(() => store.Call(address, Vector128.Create((byte)1)));
    }

    [Fact]
    public void The_last_bytes_of_a_64_bit_memory_are_reachable()
    {
        var loadLane = instance.GetFunction<long, Vector128<long>, Vector128<long>>("load_lane_wide");
        var store = instance.GetAction<long, Vector128<byte>>("store_wide");
        wide.WriteInt64(PageSize - 8, 77);

        Assert.Equal(77L, loadLane.Call(PageSize - 8, Vector128<long>.Zero).GetElement(1));
        store.Call(PageSize - 16, Vector128.Create((byte)3));
        Assert.Equal(3, wide.ReadByte(PageSize - 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)] // 2^64 - 16 + 16 is 0 modulo 2^64: a check on the wrapped sum would let it read byte 0
    [InlineData(100)]
    public void A_huge_64_bit_offset_traps_instead_of_wrapping(long address)
    {
        wide.WriteByte(0, 0x42);
        var far = instance.GetFunction<long, Vector128<byte>>("splat_wide_far");

        AssertTrap(() => far.Call(address));
    }

    [Fact]
    public void A_64_bit_memory_needs_an_i64_address_and_a_32_bit_memory_an_offset_below_2_to_the_32()
    {
        var engine = new Engine();

        Assert.Throws<InvalidModuleException>(() => Module.FromText(engine,
            "(module (memory 1) (memory i64 1) (func (drop (v128.load 1 (i32.const 0)))))"));
        var error = Assert.Throws<InvalidModuleException>(() => Module.FromText(engine,
            "(module (memory 1) (memory 1) (func (drop (v128.load32_splat 1 offset=0x1_0000_0000 (i32.const 0)))))"));
        Assert.Equal("offset out of range", error.Reason);
    }

    [Fact]
    public void A_vector_memarg_with_a_memory_index_is_skipped_correctly_when_a_later_error_is_reported()
    {
        // The translator finds the type error in the body; to choose between "malformed" and "invalid" the body's syntax
        // is then read once more, which must step over the memarg's memory index (flag bit 6) and its 64-bit offset.
        var engine = new Engine();

        var multiMemory = Assert.Throws<InvalidModuleException>(() => Module.FromText(engine,
            "(module (memory 1) (memory 1) (func (drop (v128.load 1 offset=3 (i32.const 0))) (i32.add)))"));
        var farOffset = Assert.Throws<InvalidModuleException>(() => Module.FromText(engine,
            "(module (memory 1) (func (drop (v128.load offset=0x1_0000_0000 (i32.const 0)))))"));

        Assert.Contains("type mismatch", multiMemory.Reason, StringComparison.Ordinal);
        Assert.Equal("offset out of range", farOffset.Reason);
    }

    private static void AssertTrap(Action action) =>
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(action).Code);
}
