using WasmBind.Execution;
using WasmBind.Runtime;

namespace WasmBind.Jit;

/// <summary>
/// A function compiled to IL. <paramref name="arguments"/> holds max(parameters, results) slots: the parameters on
/// entry, the results on return. <paramref name="self"/> is the instance's function, which gives the code its
/// instance (memory, globals, tables); the compiled code itself is per module and shared by every instance.
/// </summary>
internal delegate void CompiledBody(ExecutionStack stack, WasmFunction self, ref ulong arguments);
