// The WasmBind package's build task that writes WIT out as files. MSBuild compiles this file with
// RoslynCodeTaskFactory (WasmBind.targets). The generator compiled the WIT into the assembly as
// [assembly: AssemblyMetadata("WasmBind.Wit", "<wit>")]; a custom attribute's arguments are stored verbatim in the
// metadata's blob heap (ECMA-335 II.23.3: prolog 0x0001, then each string as a compressed length and UTF-8 bytes), so
// the text is found by its key's encoding, with no assembly loaded and no metadata reader to reference.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace WasmBind.Build;

/// <summary>Finds the WIT text the generator compiled into an assembly.</summary>
public static class WitMetadataReader
{
    private static readonly byte[] Key = BuildKey();

    /// <summary>The WIT compiled into <paramref name="assembly"/>, or null when it has none.</summary>
    public static string? Read(byte[] assembly)
    {
        for (var start = 0; start <= assembly.Length - Key.Length; start++)
        {
            start = IndexOf(assembly, start);
            if (start < 0) return null;
            var position = start + Key.Length;
            if (!TryReadLength(assembly, ref position, out var length) || position + length > assembly.Length) continue;
            try
            {
                return new UTF8Encoding(false, true).GetString(assembly, position, length);
            }
            catch (DecoderFallbackException)
            {
                // Not the attribute after all (the key's bytes elsewhere): look further.
            }
        }
        return null;
    }

    private static byte[] BuildKey()
    {
        var name = Encoding.UTF8.GetBytes("WasmBind.Wit");
        var key = new byte[3 + name.Length];
        key[0] = 0x01; // prolog
        key[1] = 0x00;
        key[2] = (byte)name.Length;
        Array.Copy(name, 0, key, 3, name.Length);
        return key;
    }

    private static int IndexOf(byte[] bytes, int from)
    {
        for (var i = from; i <= bytes.Length - Key.Length; i++)
        {
            var match = true;
            for (var j = 0; j < Key.Length && match; j++) match = bytes[i + j] == Key[j];
            if (match) return i;
        }
        return -1;
    }

    private static bool TryReadLength(byte[] bytes, ref int position, out int length)
    {
        length = 0;
        if (position >= bytes.Length) return false;
        var first = bytes[position];
        if ((first & 0x80) == 0)
        {
            length = first;
            position += 1;
            return true;
        }
        if ((first & 0xC0) == 0x80 && position + 1 < bytes.Length)
        {
            length = ((first & 0x3F) << 8) | bytes[position + 1];
            position += 2;
            return true;
        }
        if ((first & 0xE0) == 0xC0 && position + 3 < bytes.Length)
        {
            length = ((first & 0x1F) << 24) | (bytes[position + 1] << 16) | (bytes[position + 2] << 8) | bytes[position + 3];
            position += 4;
            return true;
        }
        return false;
    }
}

#if !WASMBIND_GUEST_READER_ONLY
/// <summary>Writes the WIT of <see cref="Assembly"/> to <see cref="Output"/> and <see cref="Copy"/>, when it has any and it changed.</summary>
public sealed class WasmBindWriteWit : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public string Assembly { get; set; } = "";

    [Microsoft.Build.Framework.Required]
    public string Output { get; set; } = "";

    public string Copy { get; set; } = "";

    [Microsoft.Build.Framework.Output]
    public string[] Written { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        var wit = WitMetadataReader.Read(File.ReadAllBytes(Assembly));
        if (wit is null) return true;
        var written = new System.Collections.Generic.List<string>();
        foreach (var path in new[] { Output, Copy })
        {
            if (path.Length == 0) continue;
            written.Add(path);
            if (File.Exists(path) && File.ReadAllText(path) == wit) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, wit);
        }
        Written = written.ToArray();
        return true;
    }
}
#endif
