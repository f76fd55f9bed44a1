using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WasmBind.Generators.Model;
using static WasmBind.Generators.Emitting.Conversions;

namespace WasmBind.Generators.Emitting;

/// <summary>
/// The generated codec of one binding file: a <c>file static class</c> with, for every type the interface uses beyond
/// scalars, one method per direction and place (load from / store to memory at an address; lift from / lower to flat
/// core values). Flat core values travel as <c>ulong</c> slots holding each value's bits, which makes the Canonical
/// ABI's variant joins (an <c>f32</c> case in an <c>i32</c> slot, an <c>i32</c> in an <c>i64</c>) plain bit copies,
/// exactly as <c>lift_flat_variant</c>/<c>lower_flat_variant</c> coerce them. Every guest-supplied pointer, length,
/// discriminant and char is checked by the runtime helpers the methods call.
/// </summary>
internal sealed class Codec
{
    public const string ClassName = "WasmBindCodec";

    private readonly Dictionary<TypeModel, int> ids = new();
    private readonly List<TypeModel> types = new();
    private readonly StringEncoding encoding;

    public Codec(StringEncoding encoding) => this.encoding = encoding;

    /// <summary>Whether anything was registered, so the class must be written.</summary>
    public bool IsUsed => types.Count > 0;

    /// <summary>Whether a value of <paramref name="type"/> is converted inline (a number, bool, Rune or unchecked enum).</summary>
    public static bool IsInline(TypeModel type) =>
        type.Kind is <= ValueKind.Double or ValueKind.Rune && !(type.IsEnum && type.Count > 0);

    private string Id(TypeModel type)
    {
        if (!ids.TryGetValue(type, out var id))
        {
            id = types.Count;
            ids.Add(type, id);
            types.Add(type);
        }
        return id.ToString(CultureInfo.InvariantCulture);
    }

    private string EncodingName => "global::WasmBind.WasmStringEncoding." + encoding switch
    {
        StringEncoding.Utf16 => "Utf16",
        StringEncoding.Latin1Utf16 => "Latin1Utf16",
        _ => "Utf8",
    };

    // ---- what the member emitters call ----

    /// <summary>The value of <paramref name="type"/> at <paramref name="address"/>, whose enclosing range is checked.</summary>
    public string Load(TypeModel type, string memory, string address) =>
        IsInline(type) ? Lift(type, MemoryAccess.Load(type, memory, address)) : $"{ClassName}.Load{Id(type)}({memory}, {address})";

    /// <summary>A statement storing <paramref name="value"/> at <paramref name="address"/>, whose enclosing range is checked.</summary>
    public string Store(TypeModel type, string memory, string allocator, string address, string value) =>
        IsInline(type) ? MemoryAccess.Store(type, memory, address, value) : $"{ClassName}.Store{Id(type)}({memory}, {allocator}, {address}, {value});";

    /// <summary>The value of <paramref name="type"/> lifted from the slots of <paramref name="flat"/> from <paramref name="start"/>.</summary>
    public string FlatLift(TypeModel type, string memory, string flat, string start) =>
        IsInline(type) ? Lift(type, ReadSlot(Flattening.SingleCoreType(type), $"{flat}[{start}]")) : $"{ClassName}.Lift{Id(type)}({memory}, {flat}, {start})";

    /// <summary>A statement lowering <paramref name="value"/> into the slots of <paramref name="flat"/> from <paramref name="start"/>.</summary>
    public string FlatLower(TypeModel type, string memory, string allocator, string flat, string start, string value) =>
        IsInline(type) ? $"{flat}[{start}] = {WriteSlot(Flattening.SingleCoreType(type), Lower(type, value))};"
        : $"{ClassName}.Lower{Id(type)}({memory}, {allocator}, {flat}, {start}, {value});";

    /// <summary>The value of a type of one core value lifted from the core value <paramref name="core"/>.</summary>
    public string LiftOne(TypeModel type, string core) => IsInline(type) ? Lift(type, core) : $"{ClassName}.LiftOne{Id(type)}({core})";

    /// <summary>The core value of a type of one core value.</summary>
    public string LowerOne(TypeModel type, string value) => IsInline(type) ? Lower(type, value) : $"{ClassName}.LowerOne{Id(type)}({value})";

    /// <summary>The expression reading a slot as the core type's .NET value.</summary>
    public static string ReadSlot(CoreType core, string slot) => core switch
    {
        CoreType.I64 => $"unchecked((long){slot})",
        CoreType.F32 => $"global::System.BitConverter.UInt32BitsToSingle(unchecked((uint){slot}))",
        CoreType.F64 => $"global::System.BitConverter.UInt64BitsToDouble({slot})",
        _ => $"unchecked((int)(uint){slot})",
    };

    /// <summary>The slot holding the core value <paramref name="value"/>.</summary>
    public static string WriteSlot(CoreType core, string value) => core switch
    {
        CoreType.I64 => $"unchecked((ulong)({value}))",
        CoreType.F32 => $"(ulong)global::System.BitConverter.SingleToUInt32Bits({value})",
        CoreType.F64 => $"global::System.BitConverter.DoubleToUInt64Bits({value})",
        _ => $"unchecked((ulong)(uint)({value}))",
    };

    // ---- the class ----

    public void Emit(CodeWriter writer)
    {
        writer.Line();
        writer.Line("/// <summary>Canonical ABI lifting and lowering of the non-scalar types of this file's bindings.</summary>");
        writer.Open($"file static class {ClassName}");
        // Emitting a method may register the types it uses; keep going until every registered type is written.
        for (var i = 0; i < types.Count; i++)
        {
            if (i > 0) writer.Line();
            EmitType(writer, types[i], i.ToString(CultureInfo.InvariantCulture));
        }
        writer.Close();
    }

    private const string M = "global::WasmBind.Memory? memory";
    private const string A = "global::WasmBind.Function? allocator";
    private const string FlatIn = "global::System.ReadOnlySpan<ulong> flat, int start";
    private const string FlatOut = "global::System.Span<ulong> flat, int start";

    private void EmitType(CodeWriter w, TypeModel type, string id)
    {
        var t = type.DisplayName;
        var flatCount = Flattening.FlatCount(type);
        w.Line($"// {Describe(type)}: {Layout.Size(type)} byte{(Layout.Size(type) == 1 ? "" : "s")}, {Layout.Alignment(type)}-aligned, {flatCount} core value{(flatCount == 1 ? "" : "s")}");
        switch (type.Kind)
        {
            case ValueKind.String:
            case ValueKind.ByteArray:
            case ValueKind.ReadOnlyMemory:
            case ValueKind.List:
                EmitSequence(w, type, id, t);
                break;
            case ValueKind.Record:
            case ValueKind.Tuple:
                EmitProduct(w, type, id, t);
                break;
            case ValueKind.Option:
            case ValueKind.Result:
            case ValueKind.Variant:
                EmitSum(w, type, id, t);
                break;
            case ValueKind.Unit:
                w.Line($"public static {t} Load{id}({M}, int address) => default;");
                w.Line($"public static void Store{id}({M}, {A}, int address, {t} value) {{ }}");
                w.Line($"public static {t} Lift{id}({M}, {FlatIn}) => default;");
                w.Line($"public static void Lower{id}({M}, {A}, {FlatOut}, {t} value) {{ }}");
                break;
            default:
                EmitDiscrete(w, type, id, t);
                break;
        }
        if (flatCount == 1)
        {
            var core = Flattening.SingleCoreType(type);
            var coreName = CoreTypeName(core);
            w.Line($"public static {t} LiftOne{id}({coreName} core) => Lift{id}(null, (global::System.ReadOnlySpan<ulong>)[{WriteSlot(core, "core")}], 0);");
            w.Open($"public static {coreName} LowerOne{id}({t} value)");
            w.Line("global::System.Span<ulong> flat = stackalloc ulong[1];");
            w.Line($"Lower{id}(null, null, flat, 0, value);");
            w.Line($"return {ReadSlot(core, "flat[0]")};");
            w.Close();
        }
    }

    private static string Describe(TypeModel type) => type.Kind switch
    {
        ValueKind.List => "list of " + type.Element!.DisplayName,
        ValueKind.Option => "option of " + type.Element!.DisplayName,
        _ => type.Kind.ToString().ToLowerInvariant() + " " + type.DisplayName,
    };

    // Flags and checked enums: one integer of the size their label or case count needs.
    private static void EmitDiscrete(CodeWriter w, TypeModel type, string id, string t)
    {
        var size = Layout.Size(type);
        var load = size == 1 ? "LoadU8" : size == 2 ? "LoadU16" : "LoadI32";
        var store = size == 1 ? "StoreI8" : size == 2 ? "StoreI16" : "StoreI32";
        string lift, lower;
        if (type.Kind == ValueKind.Flags)
        {
            // Bits past the last label are dropped both ways, as pack/unpack_flags do.
            var mask = type.Count == 32 ? "-1" : ((1L << type.Count) - 1).ToString(CultureInfo.InvariantCulture);
            lift = $"unchecked(({t})(uint)(raw & {mask}))";
            lower = $"unchecked((int)value) & {mask}";
        }
        else
        {
            var count = type.Count.ToString(CultureInfo.InvariantCulture);
            lift = $"({t}){Abi}.CheckCase(raw, {count})";
            lower = $"{Abi}.LowerCase(unchecked((int)value), {count})";
        }
        w.Open($"public static {t} Load{id}({M}, int address)");
        w.Line($"var raw = {Abi}.{load}(memory!, address);");
        w.Line($"return {lift};");
        w.Close();
        w.Line($"public static void Store{id}({M}, {A}, int address, {t} value) => {Abi}.{store}(memory!, address, {lower});");
        w.Open($"public static {t} Lift{id}({M}, {FlatIn})");
        w.Line($"var raw = {ReadSlot(CoreType.I32, "flat[start]")};");
        w.Line($"return {lift};");
        w.Close();
        w.Line($"public static void Lower{id}({M}, {A}, {FlatOut}, {t} value) => flat[start] = {WriteSlot(CoreType.I32, lower)};");
    }

    // Strings, byte lists and lists: a (ptr, len) pair, in memory and flat.
    private void EmitSequence(CodeWriter w, TypeModel type, string id, string t)
    {
        w.Line($"public static {t} Load{id}({M}, int address) => From{id}(memory, {Abi}.LoadI32(memory!, address), {Abi}.LoadI32(memory!, address + 4));");
        w.Open($"public static void Store{id}({M}, {A}, int address, {t} value)");
        w.Line($"var pointer = To{id}(memory, allocator, value, out var length);");
        w.Line($"{Abi}.StoreI32(memory!, address, pointer);");
        w.Line($"{Abi}.StoreI32(memory!, address + 4, length);");
        w.Close();
        w.Line($"public static {t} Lift{id}({M}, {FlatIn}) => From{id}(memory, {ReadSlot(CoreType.I32, "flat[start]")}, {ReadSlot(CoreType.I32, "flat[start + 1]")});");
        w.Open($"public static void Lower{id}({M}, {A}, {FlatOut}, {t} value)");
        w.Line($"flat[start] = {WriteSlot(CoreType.I32, $"To{id}(memory, allocator, value, out var length)")};");
        w.Line($"flat[start + 1] = {WriteSlot(CoreType.I32, "length")};");
        w.Close();

        switch (type.Kind)
        {
            case ValueKind.String:
                w.Line($"private static {t} From{id}({M}, int pointer, int length) => {Abi}.LiftString(memory!, pointer, length, {EncodingName});");
                w.Line($"private static int To{id}({M}, {A}, {t} value, out int length) => {Abi}.LowerString(memory!, allocator, value, {EncodingName}, out length);");
                return;
            case ValueKind.ByteArray:
                w.Line($"private static {t} From{id}({M}, int pointer, int length) => {Abi}.LiftPrimitives<byte>(memory!, pointer, length);");
                w.Line($"private static int To{id}({M}, {A}, {t} value, out int length) => {Abi}.LowerPrimitives<byte>(memory!, allocator, value ?? throw new global::System.ArgumentNullException(nameof(value)), out length);");
                return;
            case ValueKind.ReadOnlyMemory:
                w.Line($"private static {t} From{id}({M}, int pointer, int length) => {Abi}.LiftPrimitives<byte>(memory!, pointer, length);");
                w.Line($"private static int To{id}({M}, {A}, {t} value, out int length) => {Abi}.LowerPrimitives<byte>(memory!, allocator, value.Span, out length);");
                return;
        }

        var element = type.Element!;
        var e = element.DisplayName;
        var size = Layout.Size(element);
        var alignment = Layout.Alignment(element);
        var primitive = IsPrimitive(element);

        // Lifting: the whole range is checked first (aligned, inside memory), then each element is read from it.
        w.Open($"private static {t} From{id}({M}, int pointer, int length)");
        if (primitive && type.ListForm is ListForm.Array or ListForm.ReadOnlyList or ListForm.Memory)
        {
            w.Line($"return {Abi}.LiftPrimitives<{e}>(memory!, pointer, length);");
        }
        else
        {
            w.Line($"{Abi}.CheckList(memory!, pointer, length, {size}, {alignment});");
            if (type.ListForm == ListForm.List)
            {
                w.Line($"var items = new global::System.Collections.Generic.List<{e}>(length);");
                w.Line($"for (var i = 0; i < length; i++) items.Add({Load(element, "memory!", $"unchecked(pointer + i * {size})")});");
            }
            else
            {
                w.Line($"var items = {NewArray(e, "length")};");
                w.Line($"for (var i = 0; i < length; i++) items[i] = {Load(element, "memory!", $"unchecked(pointer + i * {size})")};");
            }
            w.Line("return items;");
        }
        w.Close();

        // Lowering: one allocation for the list, then each element stored into it (which may allocate its own parts).
        w.Open($"private static int To{id}({M}, {A}, {t} value, out int length)");
        var span = type.ListForm switch
        {
            ListForm.Memory => "value.Span",
            ListForm.List => $"global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(value)",
            ListForm.Array => "value",
            _ => null,
        };
        if (type.ListForm != ListForm.Memory) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        if (primitive && span is not null)
        {
            w.Line($"return {Abi}.LowerPrimitives<{e}>(memory!, allocator, {span}, out length);");
        }
        else
        {
            var count = type.ListForm switch { ListForm.Memory or ListForm.Array => "Length", _ => "Count" };
            var items = type.ListForm == ListForm.Memory ? "value.Span" : "value";
            if (type.ListForm == ListForm.Memory) w.Line($"var items = value.Span;");
            w.Line($"length = value.{count};");
            w.Line($"var pointer = {Abi}.AllocateList(memory!, allocator, length, {size}, {alignment});");
            w.Line($"for (var i = 0; i < length; i++) {Store(element, "memory!", "allocator", $"unchecked(pointer + i * {size})", (type.ListForm == ListForm.Memory ? "items" : items) + "[i]")}");
            w.Line("return pointer;");
        }
        w.Close();
    }

    /// <summary>An array creation of <paramref name="length"/> elements: <c>new int[n]</c>, and <c>new int[n][]</c> for an array element (the new rank goes first).</summary>
    private static string NewArray(string element, string length)
    {
        var core = element;
        var suffix = "";
        while (true)
        {
            if (core.EndsWith("[]", System.StringComparison.Ordinal)) { suffix = "[]" + suffix; core = core.Substring(0, core.Length - 2); }
            else if (core.EndsWith("[]?", System.StringComparison.Ordinal)) { suffix = "[]?" + suffix; core = core.Substring(0, core.Length - 3); }
            else
            {
                break;
            }
        }
        return $"new {core}[{length}]{suffix}";
    }

    /// <summary>A number whose memory form is its .NET form (little-endian, same size), so a list of it is one copy.</summary>
    private static bool IsPrimitive(TypeModel type) =>
        !type.IsEnum && type.Kind is ValueKind.SByte or ValueKind.Byte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32
            or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Single or ValueKind.Double;

    // Records and tuples: their fields at their offsets; flat, their fields' core values in order.
    private void EmitProduct(CodeWriter w, TypeModel type, string id, string t)
    {
        var fields = type.Kind == ValueKind.Record
            ? type.Record!.Fields.Select(f => (f.Type, Access: NameScope.Escape(f.Name))).ToList()
            : type.Elements.Select((e, i) => (Type: e, Access: "Item" + (i + 1).ToString(CultureInfo.InvariantCulture))).ToList();
        var layout = Layout.Tuple(fields.Select(f => f.Type));
        var isClass = type.Record?.IsClass == true;

        string Build(IReadOnlyList<string> values) => type.Kind == ValueKind.Record
            ? MemoryAccess.Construct(type, field => values[IndexOf(type, field)])
            : fields.Count == 1 ? $"new {t}({values[0]})" : "(" + string.Join(", ", values) + ")";

        // Fields are read in declaration order into locals (the constructor may take them in another order).
        w.Open($"public static {t} Load{id}({M}, int address)");
        var locals = new List<string>();
        for (var i = 0; i < fields.Count; i++)
        {
            locals.Add("f" + i.ToString(CultureInfo.InvariantCulture));
            w.Line($"var {locals[i]} = {Load(fields[i].Type, "memory!", MemoryAccess.Address("address", layout.Offsets[i]))};");
        }
        w.Line($"return {Build(locals)};");
        w.Close();

        w.Open($"public static void Store{id}({M}, {A}, int address, {t} value)");
        if (isClass) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        for (var i = 0; i < fields.Count; i++)
            w.Line(Store(fields[i].Type, "memory!", "allocator", MemoryAccess.Address("address", layout.Offsets[i]), "value." + fields[i].Access));
        w.Close();

        w.Open($"public static {t} Lift{id}({M}, {FlatIn})");
        var offset = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            w.Line($"var {locals[i]} = {FlatLift(fields[i].Type, "memory", "flat", Plus("start", offset))};");
            offset += Flattening.FlatCount(fields[i].Type);
        }
        w.Line($"return {Build(locals)};");
        w.Close();

        w.Open($"public static void Lower{id}({M}, {A}, {FlatOut}, {t} value)");
        if (isClass) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        offset = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            w.Line(FlatLower(fields[i].Type, "memory", "allocator", "flat", Plus("start", offset), "value." + fields[i].Access));
            offset += Flattening.FlatCount(fields[i].Type);
        }
        w.Close();
    }

    private static int IndexOf(TypeModel record, FieldModel field)
    {
        for (var i = 0; i < record.Record!.Fields.Count; i++)
        {
            if (ReferenceEquals(record.Record.Fields[i], field)) return i;
        }
        throw new System.InvalidOperationException("Not a field of the record.");
    }

    private static string Plus(string start, int offset) => offset == 0 ? start : start + " + " + offset.ToString(CultureInfo.InvariantCulture);

    // Options, results and variants: a checked discriminant, then the case's payload.
    private void EmitSum(CodeWriter w, TypeModel type, string id, string t)
    {
        var payloads = Flattening.CasePayloads(type);
        var caseCount = payloads.Count.ToString(CultureInfo.InvariantCulture);
        var discriminantSize = Layout.DiscriminantSize(payloads.Count);
        var loadDiscriminant = discriminantSize == 1 ? "LoadU8" : discriminantSize == 2 ? "LoadU16" : "LoadI32";
        var storeDiscriminant = discriminantSize == 1 ? "StoreI8" : discriminantSize == 2 ? "StoreI16" : "StoreI32";
        var payloadOffset = Layout.PayloadOffset(type);
        var joined = Flattening.JoinedPayload(type).Count;

        // The expression building case i's value from its payload expression (null: no payload).
        string Make(int i, string? payload)
        {
            switch (type.Kind)
            {
                case ValueKind.Option:
                    return i == 0 ? "null" : payload!;
                case ValueKind.Result:
                    var side = i == 0 ? "Ok" : "Err";
                    return $"{t}.{side}({payload ?? "default"})";
                default:
                    return payload ?? $"new {type.Cases[i].Type.DisplayName}()";
            }
        }

        w.Open($"public static {t} Load{id}({M}, int address)");
        w.Open($"switch ({Abi}.CheckCase({Abi}.{loadDiscriminant}(memory!, address), {caseCount}))");
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i] is { } p ? Load(p, "memory!", MemoryAccess.Address("address", payloadOffset)) : null;
            w.Line(i == payloads.Count - 1 ? $"default: return {Make(i, payload)};" : $"case {i}: return {Make(i, payload)};");
        }
        w.Close();
        w.Close();

        w.Open($"public static {t} Lift{id}({M}, {FlatIn})");
        w.Open($"switch ({Abi}.CheckCase({ReadSlot(CoreType.I32, "flat[start]")}, {caseCount}))");
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i] is { } p ? FlatLift(p, "memory", "flat", "start + 1") : null;
            w.Line(i == payloads.Count - 1 ? $"default: return {Make(i, payload)};" : $"case {i}: return {Make(i, payload)};");
        }
        w.Close();
        w.Close();

        // Lowering: which case, and its payload's expression.
        var cases = new List<(string Test, string? Payload)>();
        switch (type.Kind)
        {
            case ValueKind.Option:
                var isReference = type.IsReferenceOption;
                cases.Add((isReference ? "value is null" : "!value.HasValue", null));
                cases.Add(("true", isReference ? "value" : "value.GetValueOrDefault()"));
                break;
            case ValueKind.Result:
                cases.Add(("value.IsOk", payloads[0] is null ? null : "value.Value"));
                cases.Add(("true", payloads[1] is null ? null : "value.Error"));
                break;
            default:
                for (var i = 0; i < type.Cases.Count; i++)
                    cases.Add(($"value is {type.Cases[i].Type.DisplayName} case{i}", payloads[i] is null ? null : "case" + i.ToString(CultureInfo.InvariantCulture)));
                break;
        }

        w.Open($"public static void Store{id}({M}, {A}, int address, {t} value)");
        if (type.Kind == ValueKind.Variant) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        for (var i = 0; i < cases.Count; i++)
        {
            w.Open(i == 0 ? $"if ({cases[i].Test})" : cases[i].Test == "true" ? "else" : $"else if ({cases[i].Test})");
            w.Line($"{Abi}.{storeDiscriminant}(memory!, address, {i});");
            if (payloads[i] is { } p) w.Line(Store(p, "memory!", "allocator", MemoryAccess.Address("address", payloadOffset), NonNull(cases[i].Payload!)));
            w.Close();
        }
        if (type.Kind == ValueKind.Variant) w.Line($"else throw {Abi}.UnknownCase(value);");
        w.Close();

        w.Open($"public static void Lower{id}({M}, {A}, {FlatOut}, {t} value)");
        if (type.Kind == ValueKind.Variant) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        // Slots past the case's own payload are zero, as lower_flat_variant pads them.
        if (joined > 0) w.Line($"flat.Slice(start + 1, {joined}).Clear();");
        for (var i = 0; i < cases.Count; i++)
        {
            w.Open(i == 0 ? $"if ({cases[i].Test})" : cases[i].Test == "true" ? "else" : $"else if ({cases[i].Test})");
            w.Line($"flat[start] = {i};");
            if (payloads[i] is { } p) w.Line(FlatLower(p, "memory", "allocator", "flat", "start + 1", NonNull(cases[i].Payload!)));
            w.Close();
        }
        if (type.Kind == ValueKind.Variant) w.Line($"else throw {Abi}.UnknownCase(value);");
        w.Close();

        string NonNull(string expression) => type.IsReferenceOption && expression == "value" ? "value!" : expression;
    }
}
