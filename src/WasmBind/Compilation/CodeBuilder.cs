namespace WasmBind.Compilation;

/// <summary>A growable int buffer for the instruction stream, reused across functions of a module.</summary>
internal sealed class CodeBuilder
{
    private int[] buffer = new int[256];

    public int Count { get; private set; }

    public int this[int index]
    {
        get => buffer[index];
        set => buffer[index] = value;
    }

    public void Clear() => Count = 0;

    /// <summary>Drops everything from <paramref name="count"/> on (to replace the last instruction).</summary>
    public void Truncate(int count) => Count = count;

    public void Add(int value)
    {
        if (Count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        buffer[Count++] = value;
    }

    public int[] ToArray() => buffer.AsSpan(0, Count).ToArray();
}
