// The smallest embedding: load a module, instantiate it, call its exports, and see what a trap looks like.
using WasmBind;

var engine = new Engine();                                  // configuration shared by everything below
var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "modules", "fib.wasm")); // decoded and validated once
var store = new Store(engine);                              // all runtime state; one thread at a time
var instance = new Linker(engine).Instantiate(store, module); // fib.wasm imports nothing

// Typed: the signature is checked once here, and a call allocates nothing.
var fib = instance.GetFunction<int, int>("fib");
Console.WriteLine($"fib(20) = {fib.Call(20)}");

// Untyped: values carry their WebAssembly type.
var sumTo = instance.GetFunction("sum_to")!;
Console.WriteLine($"sum_to(100000) = {sumTo.Invoke(Value.I64(100_000))[0]}");

// A trap is a TrapException with a code and a WebAssembly backtrace; the store stays usable.
var div = instance.GetFunction<int, int, int>("div");
try
{
    div.Call(1, 0);
}
catch (TrapException trap)
{
    Console.WriteLine($"div(1, 0) trapped: {trap.Code}");
}
Console.WriteLine($"div(42, 2) = {div.Call(42, 2)}");
