// A host whose contract asks for an export the bundled guest (wordcount.wasm) does not have. The project gives the
// guest as <AdditionalFiles Include="wordcount.wasm" WasmBindContract="IPlugin" />, so the build fails with WB2060
// at the .wasm instead of Bind throwing at run time.
using WasmBind;

var engine = new Engine();
var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromFile(engine, "wordcount.wasm"));
Console.WriteLine(IPlugin.Bind(instance).Describe());

[WasmExports]
public partial interface IPlugin
{
    string Describe();
    int Rank(string text);
}

[WasmImports("host")]
public partial interface IHost
{
    void Log(string message);
    long NowMilliseconds();
}
