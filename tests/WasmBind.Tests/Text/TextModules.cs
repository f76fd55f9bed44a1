using WasmBind.Text;
using Xunit;

namespace WasmBind.Tests.Text;

/// <summary>Helpers: encode text, strip custom sections (names), instantiate and call.</summary>
internal static class TextModules
{
    /// <summary>The binary without custom sections, so two spellings of one module compare equal whatever their $names.</summary>
    public static byte[] Sections(string text)
    {
        var bytes = WebAssemblyText.ToBinary(text);
        var kept = new List<byte>(bytes[..8]);
        var pos = 8;
        while (pos < bytes.Length)
        {
            var start = pos;
            var id = bytes[pos++];
            uint size = 0;
            var shift = 0;
            byte b;
            do
            {
                b = bytes[pos++];
                size |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            pos += (int)size;
            if (id != 0) kept.AddRange(bytes[start..pos]);
        }
        return kept.ToArray();
    }

    public static Instance Instantiate(string text)
    {
        var engine = new Engine();
        var module = Module.FromText(engine, text);
        return new Linker(engine).Instantiate(new Store(engine), module);
    }

    public static Value Call(Instance instance, string name, params Value[] arguments) =>
        Assert.Single(instance.GetFunction(name)!.Invoke(arguments));
}
