using PluginHost;
using WasmBind;

HostOptions options;
try
{
    options = HostOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(HostOptions.Help);
    return 0;
}
if (!Directory.Exists(options.PluginFolder))
{
    Console.Error.WriteLine($"No plugin folder at {options.PluginFolder}; see --help.");
    return 2;
}

// One engine for every plugin: fuel and epochs are engine settings; each call's budget is set on its store.
var engine = new Engine(new EngineConfig { ConsumeFuel = true, EpochInterruption = true });
var keyValueStore = new Dictionary<string, string> { ["greeting"] = "Hello from the host" };
var (plugins, loadFailures) = PluginLoader.LoadFolder(engine, options.PluginFolder, keyValueStore);
Console.WriteLine($"Loaded {plugins.Count} plugin(s) from {options.PluginFolder}" +
                  (loadFailures.Count > 0 ? $"; {loadFailures.Count} could not be loaded." : "."));

// The epoch ticker: deadlines are counted in its ticks, so a call that never returns is stopped within one tick of its deadline.
using var ticker = new EpochTicker(engine, PluginRunner.EpochTick);

// Every plugin on every input at once, each call in its own task with its own store; a failure is one row, not the end.
var calls = plugins.SelectMany(plugin => options.Inputs.Select(input => Task.Run(() => PluginRunner.RunAsync(plugin, input, options))));
var reports = await Task.WhenAll(calls);

Console.WriteLine();
Console.WriteLine("Plugins:");
foreach (var plugin in reports.GroupBy(r => r.Plugin))
{
    Console.WriteLine($"  {plugin.Key,-10} {plugin.Select(r => r.Description).FirstOrDefault(d => d is not null) ?? "(no description)"}");
}
Console.WriteLine();
Console.Write(ReportTable.Format(reports, loadFailures));

Console.WriteLine();
Console.WriteLine("Host log:");
foreach (var plugin in plugins)
{
    foreach (var line in plugin.Services.LogLines) Console.WriteLine($"  [{plugin.Name}] {line}");
}

var served = reports.Count(r => r.Failure is null);
Console.WriteLine();
Console.WriteLine($"{served} of {reports.Length} calls served; {reports.Length - served} stopped by the host, which kept serving the rest.");
return 0;
