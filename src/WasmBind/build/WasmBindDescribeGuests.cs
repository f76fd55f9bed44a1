// The WasmBind package's build task that describes guest modules for the binding generator. MSBuild compiles this
// file with RoslynCodeTaskFactory (WasmBind.targets), so it needs no task assembly and runs alike in `dotnet build`
// and in the IDE. A guest .wasm given as <AdditionalFiles Include="x.wasm" WasmBindContract="IPlugin" /> is read here,
// and its imported and exported functions written as a small text file the generator reads (a generator cannot read
// a binary additional file, and analyzers must not do file I/O). The tests compile the reader alone
// (WASMBIND_GUEST_READER_ONLY) to check it.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace WasmBind.Build;

/// <summary>Reads a module's function imports and exports with their core types, as the generator's text description.</summary>
public static class GuestDescriptionWriter
{
    public const string Header = "# wasmbind guest v1";

    /// <summary>The description of <paramref name="module"/>; throws <see cref="InvalidDataException"/> when it is not a module this can read.</summary>
    public static string Describe(byte[] module)
    {
        var reader = new Reader(module);
        if (module.Length < 8 || reader.U32Fixed() != 0x6D736100) throw new InvalidDataException("it is not a WebAssembly module (no \\0asm header)");
        var version = reader.U32Fixed();
        if (version != 1) throw new InvalidDataException("it is not a core WebAssembly module (version " + version + "; a component is not supported)");

        var types = new List<string>();
        var functionTypes = new List<int>();
        var lines = new List<string>();
        var exports = new List<string>();
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var end = reader.Position + size;
            if (size < 0 || end > module.Length) throw new InvalidDataException("section " + id + " runs past the end of the module");
            switch (id)
            {
                case 1:
                    for (var count = reader.U32(); count > 0; count--) types.Add(FuncType(reader));
                    break;
                case 2:
                    for (var count = reader.U32(); count > 0; count--)
                    {
                        var moduleName = reader.Name();
                        var name = reader.Name();
                        var kind = reader.Byte();
                        switch (kind)
                        {
                            case 0:
                                var type = (int)reader.U32();
                                lines.Add("import " + Quote(moduleName) + " " + Quote(name) + " " + TypeAt(types, type));
                                functionTypes.Add(type);
                                break;
                            case 1: reader.Byte(); Limits(reader); break; // table: reftype, limits
                            case 2: Limits(reader); break; // memory
                            case 3: reader.Byte(); reader.Byte(); break; // global: valtype, mutability
                            case 4: reader.Byte(); reader.U32(); break; // tag
                            default: throw new InvalidDataException("import '" + moduleName + "::" + name + "' has unknown kind " + kind);
                        }
                    }
                    break;
                case 3:
                    for (var count = reader.U32(); count > 0; count--) functionTypes.Add((int)reader.U32());
                    break;
                case 7:
                    for (var count = reader.U32(); count > 0; count--)
                    {
                        var name = reader.Name();
                        var kind = reader.Byte();
                        var index = (int)reader.U32();
                        if (kind != 0) continue;
                        if (index >= functionTypes.Count) throw new InvalidDataException("export '" + name + "' names function " + index + ", which does not exist");
                        exports.Add("export " + Quote(name) + " " + TypeAt(types, functionTypes[index]));
                    }
                    break;
            }
            reader.Position = end;
        }
        var text = new StringBuilder(Header).Append('\n');
        foreach (var line in exports) text.Append(line).Append('\n');
        foreach (var line in lines) text.Append(line).Append('\n');
        return text.ToString();
    }

    private static string TypeAt(List<string> types, int index)
    {
        if (index < 0 || index >= types.Count) throw new InvalidDataException("type index " + index + " is out of range");
        return types[index];
    }

    private static string FuncType(Reader reader)
    {
        var form = reader.Byte();
        if (form != 0x60) throw new InvalidDataException("type form 0x" + form.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " (GC types) is not supported");
        var text = new StringBuilder("(func");
        var parameters = (int)reader.U32();
        if (parameters > 0)
        {
            text.Append(" (param");
            for (var i = 0; i < parameters; i++) text.Append(' ').Append(ValueType(reader.Byte()));
            text.Append(')');
        }
        var results = (int)reader.U32();
        if (results > 0)
        {
            text.Append(" (result");
            for (var i = 0; i < results; i++) text.Append(' ').Append(ValueType(reader.Byte()));
            text.Append(')');
        }
        return text.Append(')').ToString();
    }

    private static string ValueType(byte code)
    {
        switch (code)
        {
            case 0x7F: return "i32";
            case 0x7E: return "i64";
            case 0x7D: return "f32";
            case 0x7C: return "f64";
            case 0x7B: return "v128";
            case 0x70: return "funcref";
            case 0x6F: return "externref";
            default: throw new InvalidDataException("value type 0x" + code.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " is not supported");
        }
    }

    private static void Limits(Reader reader)
    {
        var flags = reader.Byte();
        if ((flags & 4) != 0) { reader.U64(); if ((flags & 1) != 0) reader.U64(); return; }
        reader.U32();
        if ((flags & 1) != 0) reader.U32();
    }

    /// <summary>A quoted name: <c>"</c> and <c>\</c> escaped, control and non-ASCII characters as <c>\u{hex}</c>.</summary>
    private static string Quote(string name)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '"' || c == '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || c > 0x7E)
            {
                var code = char.IsHighSurrogate(c) && i + 1 < name.Length ? char.ConvertToUtf32(c, name[++i]) : c;
                text.Append("\\u{").Append(code.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('}');
            }
            else
            {
                text.Append(c);
            }
        }
        return text.Append('"').ToString();
    }

    private sealed class Reader
    {
        private readonly byte[] bytes;

        public Reader(byte[] bytes) => this.bytes = bytes;

        public int Position { get; set; }

        public bool AtEnd => Position >= bytes.Length;

        public byte Byte()
        {
            if (Position >= bytes.Length) throw new InvalidDataException("the module ends early");
            return bytes[Position++];
        }

        public uint U32Fixed() => (uint)(Byte() | (Byte() << 8) | (Byte() << 16) | (Byte() << 24));

        public uint U32() => (uint)U64(35);

        public ulong U64() => U64(70);

        private ulong U64(int maxShift)
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift >= maxShift) throw new InvalidDataException("a LEB128 number is too long");
                var b = Byte();
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return result;
            }
        }

        public string Name()
        {
            var length = (int)U32();
            if (length < 0 || Position + length > bytes.Length) throw new InvalidDataException("a name runs past the end of the module");
            var name = new UTF8Encoding(false, true).GetString(bytes, Position, length);
            Position += length;
            return name;
        }
    }
}

#if !WASMBIND_GUEST_READER_ONLY
/// <summary>
/// Writes the description of each guest in <see cref="Guests"/> to its <c>DescriptionPath</c> metadata. A module
/// that cannot be read is error WB2063 at the .wasm.
/// </summary>
public sealed class WasmBindDescribeGuests : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Guests { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    public override bool Execute()
    {
        foreach (var guest in Guests)
        {
            var path = guest.GetMetadata("FullPath");
            var output = guest.GetMetadata("DescriptionPath");
            try
            {
                var description = GuestDescriptionWriter.Describe(File.ReadAllBytes(path));
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
                File.WriteAllText(output, description);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or DecoderFallbackException)
            {
                Log.LogError(null, "WB2063", null, guest.ItemSpec, 0, 0, 0, 0,
                    "Guest '{0}' cannot be checked: {1}", Path.GetFileName(path), e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }
}
#endif
