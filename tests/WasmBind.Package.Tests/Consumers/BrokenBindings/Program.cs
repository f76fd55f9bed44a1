// Interfaces the generator cannot bind: each one breaks exactly one rule, so each WB2xxx must show exactly once.
using WasmBind;

Console.WriteLine("never runs");

[WasmImports("host")]
public interface INotPartial { void Log(string message); }                       // WB2001

[WasmExports]
public partial interface IBadParameter { int Sum(IEnumerable<int> values); }      // WB2002

[WasmExports]
public partial interface IBadResult { IEnumerable<int> Values(); }                // WB2003

[WasmExports]
public partial interface IDuplicate { int Fetch(); ValueTask<int> FetchAsync(); } // WB2004

[WasmExports]
public partial interface IGeneric<T> { int Add(int a, int b); }                   // WB2006

[WasmExports]
public partial interface IByReference { void Read(out int value); }               // WB2008

[WasmExports]
public partial interface IProperty { int Count { get; } }                         // WB2009
