using WasmBind.Runtime;
using Xunit;

namespace WasmBind.Tests.LinearMemory;

[Collection(LinearMemoryCollection.Name)]
public sealed class LinearMemoryBlockTests
{
    private const ulong Page = MemoryType.PageSize;

    [Fact]
    public void An_unshared_block_grows_with_zeroed_new_bytes_and_keeps_its_contents()
    {
        var block = LinearMemoryBlock.CreateUnshared(Page);
        block.Slice(0, (int)Page).Fill(0xAB);

        Assert.True(block.TryGrow(3 * Page, 100 * Page));

        Assert.Equal(3 * Page, block.Length);
        var bytes = block.Slice(0, (int)block.Length);
        Assert.True(bytes[..(int)Page].IndexOfAnyExcept((byte)0xAB) < 0);
        Assert.True(bytes[(int)Page..].IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Unshared_capacity_doubles_up_to_the_maximum()
    {
        var block = LinearMemoryBlock.CreateUnshared(Page);

        Assert.True(block.TryGrow(2 * Page, 5 * Page));
        Assert.Equal(2 * Page, block.Capacity);
        Assert.True(block.TryGrow(3 * Page, 5 * Page));
        Assert.Equal(4 * Page, block.Capacity);
        Assert.True(block.TryGrow(5 * Page, 5 * Page));
        Assert.Equal(5 * Page, block.Capacity);
    }

    [Fact]
    public void Bytes_left_in_the_capacity_are_zero_once_grown_into()
    {
        var block = LinearMemoryBlock.CreateUnshared(Page);
        Assert.True(block.TryGrow(2 * Page, 8 * Page));
        Assert.Equal(2 * Page, block.Capacity);
        Assert.True(block.TryGrow(3 * Page, 8 * Page)); // capacity 4 pages now
        block.Slice(0, (int)block.Length).Fill(0xFF);

        Assert.True(block.TryGrow(4 * Page, 8 * Page)); // within capacity: no reallocation, the page is cleared

        Assert.True(block.Slice(3 * Page, (int)Page).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void A_shared_block_never_moves_and_publishes_zeroed_growth()
    {
        var block = LinearMemoryBlock.CreateShared(Page, 16 * Page);
        var start = block.Address;
        block.Slice(0, (int)Page).Fill(7);

        Assert.True(block.TryGrow(16 * Page, 16 * Page));

        Assert.True(block.IsShared);
        Assert.Equal(start, block.Address);
        Assert.Equal(16 * Page, block.Length);
        Assert.Equal(7, block.Slice(Page - 1, 1)[0]);
        Assert.True(block.Slice(Page, (int)(15 * Page)).IndexOfAnyExcept((byte)0) < 0);
        Assert.False(block.TryGrow(17 * Page, 32 * Page));
        Assert.Equal(16 * Page, block.Length);
    }

    [Fact]
    public void Racing_shared_grows_end_at_the_largest_request_and_never_shrink()
    {
        var block = LinearMemoryBlock.CreateShared(0, 64 * Page);

        Parallel.For(1, 65, pages => Assert.True(block.TryGrow((ulong)pages * Page, 64 * Page)));

        Assert.Equal(64 * Page, block.Length);
    }

    [Fact]
    public void A_shared_memory_type_gets_a_block_that_does_not_move_when_the_memory_grows()
    {
        var memory = new Memory(new Store(new Engine()), new MemoryType(new Limits(1, 8), Shared: true));
        var start = memory.Block.Address;

        memory.Grow(7);

        Assert.True(memory.Block.IsShared);
        Assert.Equal(start, memory.Block.Address);
        Assert.Equal(8u, memory.Pages);
        Assert.Equal(-1, memory.TryGrow(1));
    }
}
