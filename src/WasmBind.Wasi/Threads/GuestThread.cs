namespace WasmBind.Wasi.Threads;

/// <summary>One guest thread, ready to run: its virtual id, its own store and the export it starts in.</summary>
internal sealed record class GuestThread(int Id, Store Store, Function Entry, Value[] Arguments);
