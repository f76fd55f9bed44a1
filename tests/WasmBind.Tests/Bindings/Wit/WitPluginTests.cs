using WasmBind.Bindings;
using WasmBind.Tests.Bindings.Wit.Plugins;
// An alias, because the value-set tests' Item in the enclosing namespace would win over the using directive.
using PluginItem = WasmBind.Tests.Bindings.Wit.Plugins.Item;
using Xunit;

namespace WasmBind.Tests.Bindings.Wit;

/// <summary>
/// WIT in, end to end: the C# contract generated from plugin.wit (records, variants, lists of records, options,
/// results, flags, an enum, a tuple) bound to a guest written in C by the Canonical ABI (Fixtures/bindings/wit,
/// plugin.c and build.sh), with the component model's core names a wit-bindgen guest of the same WIT would use.
/// </summary>
public sealed class WitPluginTests
{
    private static readonly PluginItem Pen = new("pen", 3, 1.5);
    private static readonly PluginItem Book = new("book", 1, 12.0);
    private static readonly PluginItem Lamp = new("lamp", 2, 30.25);

    private readonly Host host = new();
    private readonly IPlugin plugin;

    public WitPluginTests()
    {
        var engine = new Engine();
        var linker = new Linker(engine);
        IHost.AddTo(linker, host);
        plugin = IPlugin.Bind(linker.Instantiate(new Store(engine), BindingTests.Load(engine, "wit/plugin")));
    }

    [Fact]
    public void A_request_record_with_a_list_of_records_comes_back_as_an_ok_summary_with_a_variant()
    {
        var result = plugin.Process(new Request(7, [Pen, Book], null, Permissions.Read | Permissions.Write));

        Assert.Equal(Result<Summary, Error>.Ok(new Summary(16.5, 4, new Outcome.Accepted(4))), result);
        Assert.Equal([(Level.Info, "processing a request")], host.Logs);
        Assert.Equal(["max-items"], host.ConfigReads);
    }

    [Fact]
    public void Option_and_flags_fields_choose_the_other_variant_cases()
    {
        Assert.Equal(new Outcome.Rejected("needs review"), plugin.Process(new Request(1, [Pen], "needs review", Permissions.Read)).Value.Outcome);
        Assert.Equal(new Outcome.Deferred(), plugin.Process(new Request(1, [Pen], null, Permissions.None)).Value.Outcome);

        plugin.Process(new Request(1, [Pen], null, Permissions.Network));
        Assert.Contains((Level.Warn, "network permission is not used"), host.Logs);
    }

    [Fact]
    public void Each_error_case_comes_back_as_an_err_result()
    {
        Assert.Equal(Result<Summary, Error>.Err(new Error.InvalidInput("a request needs items")), plugin.Process(new Request(1, [], null, Permissions.Write)));
        Assert.Equal(Result<Summary, Error>.Err(new Error.Internal()), plugin.Process(new Request(0, [Pen], null, Permissions.Write)));

        // The guest reads its limit through the host's option<string> result.
        host.Config["max-items"] = "2";
        Assert.Equal(Result<Summary, Error>.Err(new Error.TooManyItems(3)), plugin.Process(new Request(1, [Pen, Book, Lamp], null, Permissions.Write)));
    }

    [Fact]
    public void A_list_of_records_is_returned_and_an_option_of_a_tuple()
    {
        Assert.Equal([Lamp, Book], plugin.TopItems([Pen, Book, Lamp], 2));
        Assert.Empty(plugin.TopItems([Pen], 0));
        Assert.Equal((-7, 12), plugin.MinMax([3, -7, 12, 0]));
        Assert.Null(plugin.MinMax([]));
        Assert.Equal("orders plugin: totals, top items, ranges", plugin.Describe());
    }

    private sealed class Host : IHost
    {
        public List<(Level Level, string Message)> Logs { get; } = [];

        public List<string> ConfigReads { get; } = [];

        public Dictionary<string, string> Config { get; } = [];

        public void Log(Level level, string message) => Logs.Add((level, message));

        public string? GetConfig(string key)
        {
            ConfigReads.Add(key);
            return Config.GetValueOrDefault(key);
        }
    }
}
