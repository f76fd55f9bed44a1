using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace WasmBind.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly the code of one namespace uses, read from the compiled metadata: base types,
/// interfaces, field types, method signatures, locals and every type, method and field token in method bodies
/// (compiler-generated nested types, such as closures and state machines, count for the namespace they are nested in).
/// Reading the real assembly means a dependency cannot hide in a <c>using</c> alias or a fully qualified name.
/// </summary>
internal static class NamespaceDependencies
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Every type (full name, with the type that uses it) that code in <paramref name="fromNamespace"/> uses whose namespace is <paramref name="toNamespace"/>.</summary>
    public static IReadOnlyCollection<string> UsesOf(string assemblyPath, string fromNamespace, string toNamespace)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var provider = new TypeNameCollector(reader);

        void Note(string? fullName, string user)
        {
            if (fullName is null) return;
            if (NamespaceOf(fullName) == toNamespace) found.Add($"{fullName} (used by {user})");
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (OuterNamespace(reader, type) != fromNamespace) continue;
            var user = reader.GetString(type.Name);
            Note(provider.NameOf(type.BaseType), user);
            foreach (var implementation in type.GetInterfaceImplementations())
                Note(provider.NameOf(reader.GetInterfaceImplementation(implementation).Interface), user);
            foreach (var fieldHandle in type.GetFields())
            {
                foreach (var name in reader.GetFieldDefinition(fieldHandle).DecodeSignature(provider, null).Names) Note(name, user);
            }
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var signature = method.DecodeSignature(provider, null);
                foreach (var name in signature.ReturnType.Names.Concat(signature.ParameterTypes.SelectMany(p => p.Names))) Note(name, user);
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    var locals = reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                    foreach (var name in locals.SelectMany(l => l.Names)) Note(name, user);
                }
                foreach (var token in Tokens(body.GetILReader())) Note(provider.NameOfToken(token), user);
            }
        }
        return found;
    }

    /// <summary>The namespace of a type, or of the outermost type a nested type is declared in.</summary>
    private static string OuterNamespace(MetadataReader reader, TypeDefinition type)
    {
        while (type.IsNested) type = reader.GetTypeDefinition(type.GetDeclaringType());
        return reader.GetString(type.Namespace);
    }

    private static string NamespaceOf(string fullName)
    {
        var generic = fullName.IndexOf('<', StringComparison.Ordinal);
        var plain = generic < 0 ? fullName : fullName[..generic];
        var nested = plain.IndexOf('/', StringComparison.Ordinal);
        if (nested >= 0) plain = plain[..nested];
        var dot = plain.LastIndexOf('.');
        return dot < 0 ? "" : plain[..dot];
    }

    /// <summary>The metadata tokens a method body's instructions refer to.</summary>
    private static IEnumerable<int> Tokens(BlobReader il)
    {
        var tokens = new List<int>();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (OperandTypes[value])
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    tokens.Add(il.ReadInt32());
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.InlineSig:
                case OperandType.InlineString:
                case OperandType.ShortInlineR:
                    il.ReadInt32();
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineVar:
                    il.ReadInt16();
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.ReadByte();
                    break;
                case OperandType.InlineSwitch:
                    var count = il.ReadInt32();
                    for (var i = 0; i < count; i++) il.ReadInt32();
                    break;
            }
        }
        return tokens;
    }

    /// <summary>Type names appearing in a signature; generic instantiations contribute every argument too.</summary>
    private sealed record TypeNames(ImmutableArray<string> Names)
    {
        public static TypeNames Of(string name) => new([name]);

        public TypeNames With(TypeNames other) => new(Names.AddRange(other.Names));
    }

    private sealed class TypeNameCollector(MetadataReader reader) : ISignatureTypeProvider<TypeNames, object?>
    {
        public string? NameOf(EntityHandle handle) => handle.IsNil ? null : handle.Kind switch
        {
            HandleKind.TypeDefinition => FullName((TypeDefinitionHandle)handle),
            HandleKind.TypeReference => FullName((TypeReferenceHandle)handle),
            HandleKind.TypeSpecification => string.Join(",", reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null).Names),
            _ => null,
        };

        /// <summary>The declaring type of a method or field token, or the type of a type token (each generic argument of an instantiation is checked by its own name).</summary>
        public string? NameOfToken(int token)
        {
            var handle = MetadataTokens.EntityHandle(token);
            return handle.Kind switch
            {
                HandleKind.MethodDefinition => FullName(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()),
                HandleKind.FieldDefinition => FullName(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()),
                HandleKind.MemberReference => NameOf(reader.GetMemberReference((MemberReferenceHandle)handle).Parent),
                HandleKind.MethodSpecification => NameOfToken(MetadataTokens.GetToken(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method)),
                _ => NameOf(handle),
            };
        }

        private string FullName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            return type.IsNested ? FullName(type.GetDeclaringType()) + "/" + name : Qualify(reader.GetString(type.Namespace), name);
        }

        private string FullName(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? FullName((TypeReferenceHandle)type.ResolutionScope) + "/" + name
                : Qualify(reader.GetString(type.Namespace), name);
        }

        private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

        public TypeNames GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => TypeNames.Of(FullName(handle));

        public TypeNames GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => TypeNames.Of(FullName(handle));

        public TypeNames GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            r.GetTypeSpecification(handle).DecodeSignature(this, context);

        public TypeNames GetGenericInstantiation(TypeNames genericType, ImmutableArray<TypeNames> typeArguments) =>
            typeArguments.Aggregate(genericType, (all, argument) => all.With(argument));

        public TypeNames GetArrayType(TypeNames elementType, ArrayShape shape) => elementType;

        public TypeNames GetByReferenceType(TypeNames elementType) => elementType;

        public TypeNames GetPointerType(TypeNames elementType) => elementType;

        public TypeNames GetSZArrayType(TypeNames elementType) => elementType;

        public TypeNames GetPinnedType(TypeNames elementType) => elementType;

        public TypeNames GetModifiedType(TypeNames modifier, TypeNames unmodifiedType, bool isRequired) => unmodifiedType;

        public TypeNames GetFunctionPointerType(MethodSignature<TypeNames> signature) =>
            signature.ParameterTypes.Aggregate(signature.ReturnType, (all, parameter) => all.With(parameter));

        public TypeNames GetGenericMethodParameter(object? context, int index) => new([]);

        public TypeNames GetGenericTypeParameter(object? context, int index) => new([]);

        public TypeNames GetPrimitiveType(PrimitiveTypeCode typeCode) => new([]);
    }
}
