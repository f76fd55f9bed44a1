using System.CommandLine;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace WasmBind.Cli.Commands;

/// <summary>
/// <c>wasmbind bindgen --wit &lt;assembly&gt;</c>: prints the WIT of an assembly's binding interfaces, which the
/// binding generator compiled into it as <c>[assembly: AssemblyMetadata("WasmBind.Wit", ...)]</c>. The assembly is
/// read as metadata only: nothing in it is loaded or run.
/// </summary>
internal static class BindgenCommand
{
    /// <summary>The <c>AssemblyMetadata</c> key the generator writes (WasmBind.Generators' WitOutPipeline.MetadataKey).</summary>
    public const string WitMetadataKey = "WasmBind.Wit";

    public static Command Create(CliContext context)
    {
        var assemblyPath = new Argument<string>("assembly") { Description = "A .NET assembly built with the WasmBind package." };
        var wit = new Option<bool>("--wit") { Description = "Print the WIT package of the assembly's [WasmImports]/[WasmExports] interfaces." };
        var command = new Command("bindgen", "Print the bindings' contract of a .NET assembly. With --wit: its WIT, for wit-bindgen and other guest tools. Exit 1 when the assembly has none.")
        {
            assemblyPath,
            wit,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            if (!parse.GetValue(wit)) throw new UsageException("say what to print: --wit");
            var path = parse.GetValue(assemblyPath)!;
            var text = ReadWit(path)
                ?? throw new UsageException($"{path} has no WIT: it has no binding interfaces, or was built without the WasmBind package's targets (or with WasmBindGenerateWit=false)");
            context.Out.Write(text);
            return 0;
        }));
        return command;
    }

    /// <summary>The WIT compiled into the assembly at <paramref name="path"/>, or null when it has none.</summary>
    public static string? ReadWit(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        try
        {
            return ReadWit(pe);
        }
        catch (BadImageFormatException e)
        {
            throw new UsageException($"{path} is not a .NET assembly: {e.Message}");
        }
    }

    private static string? ReadWit(PEReader pe)
    {
        if (!pe.HasMetadata) throw new BadImageFormatException("it has no metadata");
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!IsAssemblyMetadata(metadata, attribute)) continue;
            var value = metadata.GetBlobReader(attribute.Value);
            if (value.Length < 2 || value.ReadUInt16() != 1) continue; // the custom attribute prolog
            if (value.ReadSerializedString() != WitMetadataKey) continue;
            return value.ReadSerializedString();
        }
        return null;
    }

    private static bool IsAssemblyMetadata(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference) return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, "AssemblyMetadataAttribute")
            && metadata.StringComparer.Equals(type.Namespace, "System.Reflection");
    }
}
