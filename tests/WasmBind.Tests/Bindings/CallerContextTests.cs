using Xunit;

namespace WasmBind.Tests.Bindings;

/// <summary>A plugin host's per-store data: which tenant a plugin instance runs for.</summary>
public sealed class Tenant(string name)
{
    public string Name { get; } = name;

    public List<string> Log { get; } = [];
}

/// <summary>What context.wat imports: every member learns which plugin called it from its leading Caller.</summary>
[WasmImports("ctx")]
public partial interface ITenantHost
{
    void Log(Caller<Tenant> caller, string message);

    string TenantName(Caller<Tenant> caller);

    ValueTask<string> LookupAsync(Caller<Tenant> caller, string key);

    bool HasMemory(Caller caller);
}

/// <summary>What context.wat exports.</summary>
[WasmExports]
public partial interface ITenantGuest
{
    void SayHello();

    int TenantNameLength();

    ValueTask<int> LookupLengthAsync(string key, CancellationToken cancellationToken);

    bool HasMemory();
}

/// <summary>One implementation shared by every plugin: all it knows of the call is its Caller.</summary>
internal sealed class SharedTenantHost : ITenantHost
{
    public void Log(Caller<Tenant> caller, string message) => caller.Data.Log.Add($"{caller.Data.Name}: {message}");

    public string TenantName(Caller<Tenant> caller) => caller.Data.Name;

    public async ValueTask<string> LookupAsync(Caller<Tenant> caller, string key)
    {
        await Task.Yield(); // really suspend the guest; the caller stays valid until the task completes
        return $"{caller.Data.Name}:{key}";
    }

    public bool HasMemory(Caller caller) => caller.Instance is not null && caller.GetMemory() is not null;
}

/// <summary>Per-call context for [WasmImports] implementations, with one linker shared by many plugins.</summary>
public sealed class CallerContextTests
{
    private readonly Engine engine = new();
    private readonly InstancePre plugin;

    public CallerContextTests()
    {
        var linker = new Linker<Tenant>(engine);
        ITenantHost.AddTo(linker, new SharedTenantHost());
        plugin = linker.InstantiatePre(BindingTests.Load(engine, "context"));
    }

    private (Tenant Tenant, ITenantGuest Guest) Start(string tenantName)
    {
        var tenant = new Tenant(tenantName);
        return (tenant, ITenantGuest.Bind(plugin.Instantiate(new Store<Tenant>(engine, tenant))));
    }

    [Fact]
    public void EachCallSeesItsOwnPluginsStoreData()
    {
        var (alpha, alphaGuest) = Start("alpha");
        var (beta, betaGuest) = Start("beta-tenant");

        alphaGuest.SayHello();
        betaGuest.SayHello();
        alphaGuest.SayHello();

        Assert.Equal(["alpha: hello", "alpha: hello"], alpha.Log);
        Assert.Equal(["beta-tenant: hello"], beta.Log);
        Assert.Equal("alpha".Length, alphaGuest.TenantNameLength());
        Assert.Equal("beta-tenant".Length, betaGuest.TenantNameLength());
    }

    [Fact]
    public async Task AsyncImports_GetTheCallerToo()
    {
        var (_, alphaGuest) = Start("alpha");
        var (_, betaGuest) = Start("beta-tenant");
        Assert.Equal("alpha:key".Length, await alphaGuest.LookupLengthAsync("key", CancellationToken.None));
        Assert.Equal("beta-tenant:key".Length, await betaGuest.LookupLengthAsync("key", CancellationToken.None));
    }

    [Fact]
    public void AnUntypedCaller_SeesTheCallingInstance() => Assert.True(Start("alpha").Guest.HasMemory());

    [Fact]
    public void CallsWithACaller_AllocateNothing()
    {
        var (tenant, guest) = Start("alpha");
        SteadyState.WarmUp(() => { for (var i = 0; i < 1000; i++) guest.HasMemory(); });
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) guest.HasMemory();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(tenant.Log);
    }
}
