using WasmBind.Runtime;

namespace WasmBind.Execution;

/// <summary>A suspended caller in the <see cref="FrameStack"/>: where to continue when the callee returns.</summary>
internal readonly record struct Frame(WasmFunction Function, int ReturnPc, int FramePointer);
