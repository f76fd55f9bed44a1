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
    public static bool ResultInMemory(TypeModel type) => IsInMemory(type.Kind) || type.Kind == ValueKind.Option;

    /// <summary>The core types a value of <paramref name="type"/> flattens to.</summary>
    public static IEnumerable<CoreType> Flatten(TypeModel type)
    {
        switch (type.Kind)
        {
            case ValueKind.Option:
                yield return CoreType.I32; // the discriminant; the payload's core type is the join of nothing and it
                yield return ScalarCoreType(type.Element!.Kind);
                yield break;
            case ValueKind.CancellationToken:
            case ValueKind.Caller:
                yield break;
            case ValueKind.String:
            case ValueKind.ByteArray:
            case ValueKind.ReadOnlySpan:
            case ValueKind.ReadOnlyMemory:
                yield return CoreType.I32;
                yield return CoreType.I32;
                yield break;
            default:
                yield return ScalarCoreType(type.Kind);
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
        var value = member.Return.Value;
        if (value is not null)
        {
            if (!ResultInMemory(value)) results.Add(ScalarCoreType(value.Kind));
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
