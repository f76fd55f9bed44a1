namespace WasmBind.Execution;

/// <summary>The outermost call in progress: where its frames start in the <see cref="FrameStack"/>, so it can be unwound.</summary>
internal readonly record struct Activation(int EntryFrames, int EntryTop, int FramePointer);
