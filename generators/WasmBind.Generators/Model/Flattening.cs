using System.Collections.Generic;

namespace WasmBind.Generators.Model;

/// <summary>
/// The Canonical ABI's flattening of a member's .NET signature to a core WebAssembly signature
/// (shared/spec/component-model/CanonicalABI.md, "Flattening"): each scalar is one core value, a string or byte list
/// two <c>i32</c>s (ptr, len), a <see cref="System.Threading.CancellationToken"/> none. At most
/// <see cref="MaxFlatResults"/> result is returned flat; a string or byte list result goes through memory: an export
/// returns a pointer to its (ptr, len) pair, and an import is passed a pointer to write it to as its last parameter.
/// </summary>
internal static partial class Flattening
{
    /// <summary>More flat parameters than this are passed through memory: one <c>i32</c>, the address of their tuple.</summary>
    public const int MaxFlatParams = 16;

    /// <summary>More flat results than this go through a return pointer.</summary>
    public const int MaxFlatResults = 1;

    // MaxTypedArity is in Flattening.Arity.g.cs, written by scripts/generate-arities.py with the runtime's typed overloads.

    /// <summary>Whether values of <paramref name="kind"/> live in linear memory as (ptr, len).</summary>
    public static bool IsInMemory(ValueKind kind) =>
        kind is ValueKind.String or ValueKind.ByteArray or ValueKind.ReadOnlySpan or ValueKind.ReadOnlyMemory;

    /// <summary>Whether a result of <paramref name="type"/> flattens to more than <see cref="MaxFlatResults"/> core value and so travels through a return area.</summary>
    public static bool ResultInMemory(TypeModel type) => IsInMemory(type.Kind) || type.Kind == ValueKind.Option
        || (type.Kind is ValueKind.Record or ValueKind.List or ValueKind.Tuple or ValueKind.Result or ValueKind.Variant && FlatCount(type) > MaxFlatResults);

    /// <summary>The type the guest's core function returns for <paramref name="member"/>: its declared result, or the <c>Result</c> of <c>[WasmThrows]</c>.</summary>
    public static TypeModel? AbiResult(MemberModel member) => member.Throws ?? member.Return.Value;

    /// <summary>
    /// Whether <paramref name="type"/> needs the generated codec (lists, tuples, results, variants, flags, checked
    /// enums, options of non-scalars, strings in records, or any string under a non-UTF-8 encoding) rather than the
    /// inline scalar, option and record code.
    /// </summary>
    public static bool IsComplex(TypeModel type, StringEncoding encoding)
    {
        switch (type.Kind)
        {
            case ValueKind.List:
            case ValueKind.Tuple:
            case ValueKind.Result:
            case ValueKind.Unit:
            case ValueKind.Variant:
            case ValueKind.Flags:
                return true;
            case ValueKind.String:
                return encoding != StringEncoding.Utf8;
            case ValueKind.Option:
                return type.IsReferenceOption || !IsScalar(type.Element!) || IsComplex(type.Element!, encoding);
            case ValueKind.Record:
                foreach (var field in type.Record!.Fields)
                {
                    if (IsInMemory(field.Type.Kind) || IsComplex(field.Type, encoding)) return true;
                }
                return false;
            default:
                return type.IsEnum && type.Count > 0;
        }
    }

    /// <summary>Whether a value of <paramref name="type"/> has parts in linear memory (a string or list somewhere in it), so moving it needs the guest's memory.</summary>
    public static bool UsesMemory(TypeModel type) => type.Kind switch
    {
        ValueKind.String or ValueKind.ByteArray or ValueKind.ReadOnlySpan or ValueKind.ReadOnlyMemory or ValueKind.List => true,
        ValueKind.Option => UsesMemory(type.Element!),
        ValueKind.Record => System.Linq.Enumerable.Any(type.Record!.Fields, f => UsesMemory(f.Type)),
        ValueKind.Tuple or ValueKind.Result => System.Linq.Enumerable.Any(type.Elements, UsesMemory),
        ValueKind.Variant => System.Linq.Enumerable.Any(type.Cases, c => UsesMemory(c.Type)),
        _ => false,
    };

    private static bool IsScalar(TypeModel type) => type.Kind is <= ValueKind.Double or ValueKind.Rune;

    /// <summary>How many core values <paramref name="type"/> flattens to.</summary>
    public static int FlatCount(TypeModel type)
    {
        var count = 0;
        foreach (var _ in Flatten(type)) count++;
        return count;
    }

    /// <summary>The one core type of a value that flattens to one core value (a scalar, or a record of one such field).</summary>
    public static CoreType SingleCoreType(TypeModel type)
    {
        foreach (var core in Flatten(type)) return core;
        return CoreType.I32;
    }

    /// <summary>The payload types of a variant-like type (option, result, variant), one per case, null for a case without payload.</summary>
    public static IReadOnlyList<TypeModel?> CasePayloads(TypeModel type)
    {
        switch (type.Kind)
        {
            case ValueKind.Option:
                return new TypeModel?[] { null, type.Element };
            case ValueKind.Result:
                return new[] { NullIfUnit(type.Elements[0]), NullIfUnit(type.Elements[1]) };
            case ValueKind.Variant:
                var payloads = new List<TypeModel?>();
                foreach (var c in type.Cases) payloads.Add(c.Type.Record!.Fields.Count == 0 ? null : c.Type);
                return payloads;
            default:
                throw new System.InvalidOperationException("Not a variant: " + type.Kind);
        }
    }

    private static TypeModel? NullIfUnit(TypeModel type) => type.Kind == ValueKind.Unit ? null : type;

    /// <summary>The joined core types of a variant's payloads (without the discriminant), as <c>flatten_variant</c> joins them.</summary>
    public static List<CoreType> JoinedPayload(TypeModel type)
    {
        var flat = new List<CoreType>();
        foreach (var payload in CasePayloads(type))
        {
            if (payload is null) continue;
            var i = 0;
            foreach (var core in Flatten(payload))
            {
                if (i < flat.Count) flat[i] = Join(flat[i], core);
                else flat.Add(core);
                i++;
            }
        }
        return flat;
    }

    /// <summary>The spec's <c>join</c>: the core type that can hold both.</summary>
    public static CoreType Join(CoreType a, CoreType b) =>
        a == b ? a
        : (a == CoreType.I32 && b == CoreType.F32) || (a == CoreType.F32 && b == CoreType.I32) ? CoreType.I32
        : CoreType.I64;

    /// <summary>The core types a value of <paramref name="type"/> flattens to.</summary>
    public static IEnumerable<CoreType> Flatten(TypeModel type)
    {
        switch (type.Kind)
        {
            case ValueKind.Option:
            case ValueKind.Result:
            case ValueKind.Variant:
                yield return CoreType.I32; // the discriminant, then the cases' payloads joined
                foreach (var core in JoinedPayload(type)) yield return core;
                yield break;
            case ValueKind.Record:
                foreach (var field in type.Record!.Fields)
                {
                    foreach (var core in Flatten(field.Type)) yield return core;
                }
                yield break;
            case ValueKind.Tuple:
                foreach (var element in type.Elements)
                {
                    foreach (var core in Flatten(element)) yield return core;
                }
                yield break;
            case ValueKind.CancellationToken:
            case ValueKind.Caller:
            case ValueKind.Unit:
                yield break;
            case ValueKind.String:
            case ValueKind.ByteArray:
            case ValueKind.ReadOnlySpan:
            case ValueKind.ReadOnlyMemory:
            case ValueKind.List:
                yield return CoreType.I32;
                yield return CoreType.I32;
                yield break;
            case ValueKind.Flags:
                yield return CoreType.I32;
                yield break;
            default:
                yield return type.IsEnum && type.Count > 0 ? CoreType.I32 : ScalarCoreType(type.Kind);
                yield break;
        }
    }

    /// <summary>The core type of a scalar kind.</summary>
    public static CoreType ScalarCoreType(ValueKind kind) => kind switch
    {
        ValueKind.Int64 or ValueKind.UInt64 => CoreType.I64,
        ValueKind.Single => CoreType.F32,
        ValueKind.Double => CoreType.F64,
        _ => CoreType.I32,
    };

    /// <summary>How many core parameters the member's own parameters flatten to (no return pointer).</summary>
    public static int FlatParameterCount(IEnumerable<TypeModel> parameterTypes)
    {
        var count = 0;
        foreach (var type in parameterTypes)
        {
            foreach (var _ in Flatten(type)) count++;
        }
        return count;
    }

    /// <summary>Whether the member's parameters flatten to more than <see cref="MaxFlatParams"/> core values, and so travel as a tuple in memory.</summary>
    public static bool ParametersInMemory(MemberModel member)
    {
        var types = new List<TypeModel>();
        foreach (var parameter in member.Parameters) types.Add(parameter.Type);
        return FlatParameterCount(types) > MaxFlatParams;
    }

    /// <summary>The member's core signature as the given side sees it.</summary>
    public static CoreSignature GetCoreSignature(MemberModel member, BindingKind kind)
    {
        var parameters = new List<CoreType>();
        if (ParametersInMemory(member)) parameters.Add(CoreType.I32); // the address of the arguments' tuple
        else foreach (var parameter in member.Parameters) parameters.AddRange(Flatten(parameter.Type));
        var results = new List<CoreType>();
        var value = AbiResult(member);
        if (value is not null)
        {
            if (!ResultInMemory(value)) results.Add(SingleCoreType(value));
            else if (kind == BindingKind.Exports) results.Add(CoreType.I32); // a pointer to the result's area
            else parameters.Add(CoreType.I32); // where the host writes the result
        }
        return new CoreSignature(new EquatableArray<CoreType>(parameters.ToArray()), new EquatableArray<CoreType>(results.ToArray()));
    }

    /// <summary>The text-format name of a core type.</summary>
    public static string WatName(CoreType type) => type switch
    {
        CoreType.I64 => "i64",
        CoreType.F32 => "f32",
        CoreType.F64 => "f64",
        _ => "i32",
    };
}

/// <summary>A core function signature.</summary>
internal sealed record CoreSignature(EquatableArray<CoreType> Parameters, EquatableArray<CoreType> Results)
{
    /// <summary>The signature in text-format notation, e.g. <c>(func (param i32 i32) (result i32))</c>.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder("(func");
        if (Parameters.Count > 0)
        {
            text.Append(" (param");
            foreach (var p in Parameters) text.Append(' ').Append(Flattening.WatName(p));
            text.Append(')');
        }
        if (Results.Count > 0)
        {
            text.Append(" (result");
            foreach (var r in Results) text.Append(' ').Append(Flattening.WatName(r));
            text.Append(')');
        }
        return text.Append(')').ToString();
    }
}
