using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.LinearMemory;

/// <summary>
/// 32-bit memories up to 65,536 pages (4 GiB). The OS maps the untouched pages lazily, so these tests commit only
/// the few pages they write.
/// </summary>
[Collection(LinearMemoryCollection.Name)]
public sealed class LargeMemoryTests
{
    private const long FourGiB = 1L << 32;

    [Fact]
    public void A_guest_grows_to_65536_pages_and_uses_the_last_bytes()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Wat.Load(engine, "growth"));
        var memory = instance.GetMemory("memory")!;

        Assert.Equal(0, instance.GetFunction<int, int>("grow_memory").Call(65536));
        var storeLoad = instance.GetFunction<int, long, long>("store_load_i64");

        Assert.Equal(65536u, memory.Pages);
        Assert.Equal(FourGiB, memory.Length);
        // address 0xFFFFFFF0 + offset 8: the last 8 bytes of the address space.
        Assert.Equal(0x0123456789ABCDEF, storeLoad.Call(unchecked((int)0xFFFF_FFF0), 0x0123456789ABCDEF));
        Assert.Equal(0x0123456789ABCDEF, memory.ReadInt64(FourGiB - 8));
        Assert.Equal(0xEF, instance.GetFunction<int, int>("load_u8").Call(unchecked((int)0xFFFF_FFF8)));
        var trap = Assert.Throws<TrapException>(() => storeLoad.Call(unchecked((int)0xFFFF_FFF1), 1));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.Equal(-1, instance.GetFunction<int, int>("grow_memory").Call(1));
    }

    [Fact]
    public void Span_refuses_a_memory_over_int_MaxValue_bytes_and_points_to_GetSpan()
    {
        var memory = new Memory(new Store(new Engine()), new MemoryType(new Limits(32768, null)));

        var error = Assert.Throws<InvalidOperationException>(() => memory.Span.Length);

        Assert.Contains("GetSpan", error.Message);
        var top = memory.GetSpan(memory.Length - 4, 4);
        top.Fill(9);
        Assert.Equal(0x09090909, memory.ReadInt32(memory.Length - 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(memory.Length - 3, 4));
    }

    [Fact]
    public void A_memory_just_under_2_GiB_still_has_a_span()
    {
        var memory = new Memory(new Store(new Engine()), new MemoryType(new Limits(32767, null)));

        Assert.Equal(memory.Length, memory.Span.Length);
    }

    [Fact]
    public void Memory_over_65536_pages_is_refused_with_a_typed_exception()
    {
        var error = Assert.Throws<ResourceLimitExceededException>(() => new Memory(new Store(new Engine()), new MemoryType(new Limits(65537, null))));

        Assert.Contains("65536", error.Message);
    }
}
