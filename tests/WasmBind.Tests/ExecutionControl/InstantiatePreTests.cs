using WasmBind.Tests.Api;
using Xunit;

namespace WasmBind.Tests.ExecutionControl;

public sealed class InstantiatePreTests
{
    private readonly Engine engine = new();

    [Fact]
    public void One_pre_instantiates_in_many_stores_with_independent_state()
    {
        var pre = ControlFixture.Linker(engine).InstantiatePre(Wat.Load(engine, "control"));

        var first = pre.Instantiate(new Store(engine));
        var second = pre.Instantiate(new Store(engine));
        first.GetFunction<int, int>("grow").Call(3);

        Assert.Equal(4u, first.GetMemory("memory")!.Pages);
        Assert.Equal(1u, second.GetMemory("memory")!.Pages);
        Assert.Same(pre.Module, first.Module);
    }

    [Fact]
    public void Import_problems_are_reported_once_at_pre_instantiation()
    {
        var error = Assert.Throws<LinkException>(() => new Linker(engine).InstantiatePre(Wat.Load(engine, "control")));
        Assert.Equal("host", error.ImportModule);
    }
}
