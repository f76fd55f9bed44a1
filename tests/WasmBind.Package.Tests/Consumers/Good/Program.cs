// A first plugin host, as the getting-started guide writes it: a guest's exports and the host's imports as interfaces.
using System.Globalization;
using WasmBind;

var engine = new Engine();
var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "wordcount.wasm"));
var linker = new Linker(engine);
IHost.AddTo(linker, new ConsoleHost());
var store = new Store(engine);
var instance = linker.Instantiate(store, module);
var plugin = IPlugin.Bind(instance);

Console.WriteLine("describe: " + plugin.Describe());
Console.WriteLine("transform: " + await plugin.TransformAsync("one two three", CancellationToken.None));
Console.WriteLine("score: " + plugin.Score("one two"u8).ToString("0.000", CultureInfo.InvariantCulture));

[WasmExports]
public partial interface IPlugin
{
    string Describe();
    ValueTask<string> TransformAsync(string input, CancellationToken cancellationToken);
    double Score(ReadOnlySpan<byte> data);
}

[WasmImports("host")]
public partial interface IHost
{
    void Log(string message);
    long NowMilliseconds();
}

internal sealed class ConsoleHost : IHost
{
    public void Log(string message) => Console.WriteLine("log: " + message);
    public long NowMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
