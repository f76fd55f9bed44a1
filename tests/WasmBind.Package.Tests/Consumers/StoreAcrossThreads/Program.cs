// A threading mistake: the store is used by a Task.Run lambda while this thread goes on using it (WB1001, once).
using WasmBind;

var engine = new Engine(new EngineConfig { EpochInterruption = true });
var store = new Store(engine);
var background = Task.Run(() => store.SetEpochDeadline(10));
store.SetEpochDeadline(1);
await background;
