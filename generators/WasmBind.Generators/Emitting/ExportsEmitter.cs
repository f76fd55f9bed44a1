using System.Collections.Generic;
using System.Linq;
using WasmBind.Generators.Model;
using static WasmBind.Generators.Emitting.Conversions;

namespace WasmBind.Generators.Emitting;

/// <summary>
/// Writes <c>Bind(Instance)</c> for a <c>[WasmExports]</c> interface and the private class it returns. The class
/// looks every export up once, through <c>ExportBinder</c> (which collects every missing or mismatched export into
/// one exception), and keeps the typed handles; each method lowers its arguments, calls the export, lifts the
/// result and then calls the export's <c>cabi_post_</c> function if the guest has one.
/// </summary>
internal static class ExportsEmitter
{
    private const string ProxyName = "WasmExportsProxy";

    public static void Emit(CodeWriter writer, InterfaceModel model, Codec codec)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Binds the exports of <paramref name=\"instance\"/> to <see cref=\"{model.Name}\"/>: looks up and checks every export once, and");
        writer.Line("/// returns an implementation whose methods call them.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"instance\">The guest instance that exports the interface's functions.</param>");
        writer.Line($"/// <returns>An implementation of <see cref=\"{model.Name}\"/> that calls the instance's exports.</returns>");
        writer.Line("/// <exception cref=\"global::WasmBind.Bindings.BindingException\">");
        writer.Line("/// Exports are missing or have other types than the interface needs; the message lists every one, with both types.");
        writer.Line("/// </exception>");
        writer.Line("/// <remarks>A WASI reactor (a module exporting <c>_initialize</c>) is initialised here, once per instance, before any export is called.</remarks>");
        writer.Open($"public static {model.Name} Bind(global::WasmBind.Instance instance)");
        if (model.HasUnboundMembers)
        {
            // Some member has an error (reported at it): no class can implement the interface yet.
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(instance);");
            writer.Line($"throw new global::System.NotSupportedException({Literal(model.DisplayName + " has members the binding generator could not bind; see the WB2xxx errors of the build.")});");
            writer.Close();
            return;
        }
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(instance);");
        writer.Line($"var binder = new global::WasmBind.Bindings.ExportBinder(instance, {Literal(model.DisplayName)});");
        writer.Line($"var exports = new {ProxyName}(binder);");
        writer.Line("binder.ThrowIfFailed();");
        writer.Line("binder.InitializeReactor();");
        writer.Line("return exports;");
        writer.Close();
        writer.Line();
        EmitProxy(writer, model, codec);
    }

    private sealed class MemberPlan
    {
        public MemberPlan(MemberModel member, CoreSignature signature, string field, string? postField)
        {
            Member = member;
            Signature = signature;
            Field = field;
            PostField = postField;
        }

        public MemberModel Member { get; }
        public CoreSignature Signature { get; }
        public string Field { get; }
        public string? PostField { get; }
        public bool Typed => Signature.Parameters.Count <= Flattening.MaxTypedArity;
    }

    private static void EmitProxy(CodeWriter writer, InterfaceModel model, Codec codec)
    {
        var needsMemory = model.Members.Any(m => Flattening.ParametersInMemory(m)
            || m.Parameters.Any(p => Flattening.IsInMemory(p.Type.Kind) || Flattening.UsesMemory(p.Type)) || (Flattening.AbiResult(m) is { } r && Flattening.ResultInMemory(r)));
        var needsAllocator = model.Members.Any(m => Flattening.ParametersInMemory(m) || m.Parameters.Any(p => Flattening.IsInMemory(p.Type.Kind) || Flattening.UsesMemory(p.Type)));

        var fields = new NameScope("memory", "allocator", "binder");
        var plans = new List<MemberPlan>();
        foreach (var member in model.Members)
        {
            var field = fields.Use(NameScope.Camel(member.Name));
            plans.Add(new MemberPlan(member, Flattening.GetCoreSignature(member, BindingKind.Exports), field, fields.Use(NameScope.Camel(member.Name) + "PostReturn")));
        }

        writer.Line($"/// <summary>The exports of one instance, as <see cref=\"{model.Name}\"/>.</summary>");
        writer.Open($"private sealed class {ProxyName} : {model.Name}");
        if (needsMemory) writer.Line("private readonly global::WasmBind.Memory memory;");
        if (needsAllocator) writer.Line("private readonly global::WasmBind.Function allocator;");
        foreach (var plan in plans)
        {
            writer.Line($"private readonly {FunctionType(plan)} {plan.Field};");
            writer.Line($"private readonly {PostReturnType(plan)}? {plan.PostField};");
        }
        writer.Line();
        writer.Open($"public {ProxyName}(global::WasmBind.Bindings.ExportBinder binder)");
        if (needsMemory) writer.Line($"memory = binder.GetMemory({Literal(model.MemoryName)})!;");
        if (needsAllocator) writer.Line($"allocator = binder.GetAllocator({Literal(model.AllocatorName)})!;");
        foreach (var plan in plans)
        {
            var name = Literal(plan.Member.WasmName);
            if (plan.Typed)
            {
                var method = plan.Signature.Results.Count == 0 ? "GetAction" : "GetFunction";
                writer.Line($"{plan.Field} = binder.{method}{TypeArguments(plan.Signature.Parameters.Concat(plan.Signature.Results))}({name})!;");
            }
            else
            {
                writer.Line($"{plan.Field} = binder.GetUntypedFunction({name}, new global::WasmBind.FunctionType(" +
                    $"(global::System.ReadOnlySpan<global::WasmBind.ValueType>)[{string.Join(", ", plan.Signature.Parameters.Select(ValueTypeName))}], " +
                    $"(global::System.ReadOnlySpan<global::WasmBind.ValueType>)[{string.Join(", ", plan.Signature.Results.Select(ValueTypeName))}]))!;");
            }
            writer.Line($"{plan.PostField} = binder.GetPostReturn{TypeArguments(plan.Signature.Results)}({name});");
        }
        writer.Close();
        foreach (var plan in plans)
        {
            writer.Line();
            EmitMember(writer, model, plan, codec);
        }
        writer.Close();
    }

    private static void EmitMember(CodeWriter writer, InterfaceModel model, MemberPlan plan, Codec codec)
    {
        bool Complex(TypeModel type) => Flattening.IsComplex(type, model.StringEncoding);
        var member = plan.Member;
        var scope = new NameScope();
        var declared = new List<string>();
        foreach (var parameter in member.Parameters) declared.Add(scope.Use(parameter.Name));

        var parameterList = member.Parameters.Select((p, i) => (p.IsScoped ? "scoped " : "") + p.Type.DisplayName + " " + declared[i]);
        writer.Open($"{member.Return.DisplayName} {model.Name}.{NameScope.Escape(member.Name)}({string.Join(", ", parameterList)})");

        // A token that is already cancelled wins before anything is lowered: nothing is allocated in the guest or
        // written to its memory for a call that will not run.
        var tokenIndex = member.Parameters.Select(p => p.Type.Kind).ToList().IndexOf(ValueKind.CancellationToken);
        if (tokenIndex >= 0 && member.Return.Async != AsyncKind.None)
        {
            var token = declared[tokenIndex];
            var taskType = member.Return.Async == AsyncKind.Task ? "global::System.Threading.Tasks.Task" : ValueTaskType;
            var typeArgument = member.Return.Value is { } value ? "<" + value.DisplayName + ">" : "";
            writer.Line($"if ({token}.IsCancellationRequested) return {taskType}.FromCanceled{typeArgument}({token});");
        }

        // A null record class has no Canonical ABI form: say which argument, before anything reaches the guest.
        for (var i = 0; i < member.Parameters.Count; i++)
        {
            if (member.Parameters[i].Type.Record is { IsClass: true }) writer.Line($"global::System.ArgumentNullException.ThrowIfNull({declared[i]});");
        }

        // Lower the arguments: scalars inline, strings and bytes copied into guest memory first; past 16 core
        // values, all of them as one tuple in guest memory, passed by its address.
        var arguments = new List<(CoreType Type, string Expression)>();
        string? cancellationToken = null;
        if (Flattening.ParametersInMemory(member))
        {
            cancellationToken = tokenIndex >= 0 ? declared[tokenIndex] : null;
            arguments.Add((CoreType.I32, EmitArgumentTuple(writer, member, declared, scope, codec, model.StringEncoding)));
        }
        else
        {
            for (var i = 0; i < member.Parameters.Count; i++)
            {
                var type = member.Parameters[i].Type;
                var name = declared[i];
                if (Complex(type))
                {
                    // Lowered into slots of their bits (allocating what lives in guest memory), then passed as core values.
                    var flat = scope.Use(member.Parameters[i].Name + "Flat");
                    var cores = Flattening.Flatten(type).ToList();
                    writer.Line($"global::System.Span<ulong> {flat} = stackalloc ulong[{cores.Count}];");
                    var usesMemory = Flattening.UsesMemory(type);
                    writer.Line(codec.FlatLower(type, usesMemory ? "this.memory" : "null", usesMemory ? "this.allocator" : "null", flat, "0", name));
                    for (var c = 0; c < cores.Count; c++) arguments.Add((cores[c], Codec.ReadSlot(cores[c], $"{flat}[{c}]")));
                    continue;
                }
                switch (type.Kind)
                {
                    case ValueKind.CancellationToken:
                        cancellationToken = name;
                        break;
                    case ValueKind.Option:
                    case ValueKind.Record:
                        arguments.AddRange(MemoryAccess.FlatLower(type, name));
                        break;
                    case ValueKind.String:
                    case ValueKind.ByteArray:
                    case ValueKind.ReadOnlySpan:
                    case ValueKind.ReadOnlyMemory:
                        var pointer = scope.Use(member.Parameters[i].Name + "Ptr");
                        var length = scope.Use(member.Parameters[i].Name + "Len");
                        var lower = type.Kind == ValueKind.String ? "LowerString" : "LowerBytes";
                        var value = type.Kind == ValueKind.ReadOnlyMemory ? name + ".Span" : name;
                        writer.Line($"var {pointer} = {Abi}.{lower}(this.memory, this.allocator, {value}, out var {length});");
                        arguments.Add((CoreType.I32, pointer));
                        arguments.Add((CoreType.I32, length));
                        break;
                    default:
                        arguments.Add((CoreOf(type), Lower(type, name)));
                        break;
                }
            }
        }

        // With [WasmThrows] the guest returns a Result, unwrapped (its error thrown) after it is lifted.
        var result = Flattening.AbiResult(member);
        var throws = member.Throws is not null;
        var complex = result is not null && Complex(result);
        var resultInMemory = result is not null && Flattening.ResultInMemory(result);
        var coreResult = plan.Signature.Results.Count == 1 ? plan.Signature.Results[0] : (CoreType?)null;
        var function = "this." + plan.Field;
        var post = "this." + plan.PostField;

        if (member.Return.Async == AsyncKind.None)
        {
            string? core = null;
            if (plan.Typed)
            {
                var call = $"{function}.Call({string.Join(", ", arguments.Select(a => a.Expression))})";
                if (coreResult is null) writer.Line(call + ";");
                else writer.Line($"var {core = scope.Use(resultInMemory ? "returnArea" : "result")} = {call};");
            }
            else
            {
                var results = scope.Use("results");
                writer.Line(coreResult is null
                    ? $"global::System.Span<global::WasmBind.Value> {results} = [];"
                    : $"global::System.Span<global::WasmBind.Value> {results} = [default];");
                writer.Line($"{function}.Invoke([{string.Join(", ", arguments.Select(a => $"{ValueFactory(a.Type)}({a.Expression})"))}], {results});");
                if (coreResult is { } t) writer.Line($"var {core = scope.Use(resultInMemory ? "returnArea" : "result")} = {results}[0].{ValueAccessor(t)}();");
            }

            if (result is null)
            {
                writer.Line($"{post}?.Call();");
            }
            else if (complex)
            {
                var lifted = scope.Use("result");
                if (resultInMemory)
                {
                    writer.Line($"{Abi}.CheckResultArea(this.memory, {core}, {Layout.Alignment(result)}, {Layout.Size(result)});");
                    writer.Line($"var {lifted} = {codec.Load(result, "this.memory", core!)};");
                }
                else
                {
                    writer.Line($"var {lifted} = {codec.LiftOne(result, core!)};");
                }
                writer.Line($"{post}?.Call({core});");
                if (!throws) writer.Line($"return {lifted};");
                else if (member.Return.Value is null) writer.Line($"{lifted}.GetValueOrThrow();");
                else writer.Line($"return {lifted}.GetValueOrThrow();");
            }
            else if (resultInMemory)
            {
                var lifted = scope.Use("result");
                var lift = result.Kind == ValueKind.String ? "LiftStringResult" : "LiftBytesResult";
                if (result.Kind == ValueKind.Record)
                    writer.Line($"{Abi}.CheckResultArea(this.memory, {core}, {Layout.Alignment(result)}, {Layout.Size(result)});");
                writer.Line(result.Kind == ValueKind.Record ? $"var {lifted} = {MemoryAccess.LoadValue(result, "this.memory", core!)};"
                    : result.Kind == ValueKind.Option
                    ? $"var {lifted} = {MemoryAccess.LiftOptionResult(result, "this.memory", core!)};"
                    : $"var {lifted} = {Abi}.{lift}(this.memory, {core});");
                writer.Line($"{post}?.Call({core});");
                writer.Line($"return {lifted};");
            }
            else
            {
                writer.Line($"{post}?.Call({core});");
                writer.Line($"return {Lift(result, core!)};");
            }
            writer.Close();
            return;
        }

        // Async: CallAsync, then lift and post-return when it completes.
        var tokenArgument = cancellationToken is null ? "" : ", " + cancellationToken;
        string pending;
        if (plan.Typed)
        {
            var callArguments = arguments.Select(a => a.Expression).ToList();
            if (cancellationToken is not null) callArguments.Add(cancellationToken);
            pending = $"{function}.CallAsync({string.Join(", ", callArguments)})";
        }
        else
        {
            var values = string.Join(", ", arguments.Select(a => $"{ValueFactory(a.Type)}({a.Expression})"));
            var call = $"{function}.CallAsync(new global::WasmBind.Value[] {{ {values} }}{tokenArgument})";
            pending = coreResult is { } t ? $"{Abi}.FirstResultAsync<{CoreTypeName(t)}>({call})" : $"{Abi}.NoResultAsync({call})";
        }
        var pendingCall = scope.Use("call");
        writer.Line($"var {pendingCall} = {pending};");

        string completion;
        if (result is null)
        {
            completion = $"{Abi}.CompleteAsync({pendingCall}, {post})";
        }
        else if (complex)
        {
            var area = scope.Use("returnArea");
            var memory = scope.Use("memory");
            if (resultInMemory)
            {
                completion = $"{Abi}.CompleteAsync<int, global::WasmBind.Memory, {result.DisplayName}>({pendingCall}, {post}, this.memory, " +
                    $"static ({area}, {memory}) => {{ {Abi}.CheckResultArea({memory}, {area}, {Layout.Alignment(result)}, {Layout.Size(result)}); return {codec.Load(result, memory, area)}; }})";
            }
            else
            {
                var core = scope.Use("result");
                completion = $"{Abi}.CompleteAsync<{CoreTypeName(CoreOf(result))}, {result.DisplayName}>({pendingCall}, {post}, static {core} => {codec.LiftOne(result, core)})";
            }
            if (throws)
            {
                completion = $"{Abi}.UnwrapAsync({completion})";
                if (member.Return.Value is null)
                {
                    var unwrapped = member.Return.Async == AsyncKind.Task ? completion + ".AsTask()" : $"new {ValueTaskType}({completion}.AsTask())";
                    writer.Line($"return {unwrapped};");
                    writer.Close();
                    return;
                }
            }
        }
        else if (resultInMemory)
        {
            var area = scope.Use("returnArea");
            var memory = scope.Use("memory");
            var lift = result.Kind == ValueKind.String ? "LiftStringResult" : "LiftBytesResult";
            var lifted = result.Kind switch
            {
                ValueKind.Option => MemoryAccess.LiftOptionResult(result, memory, area),
                // A block: the area is checked once, then every field is read from it.
                ValueKind.Record => $"{{ {Abi}.CheckResultArea({memory}, {area}, {Layout.Alignment(result)}, {Layout.Size(result)}); return {MemoryAccess.LoadValue(result, memory, area)}; }}",
                _ => $"{Abi}.{lift}({memory}, {area})",
            };
            completion = $"{Abi}.CompleteAsync<int, global::WasmBind.Memory, {result.DisplayName}>({pendingCall}, {post}, this.memory, " +
                $"static ({area}, {memory}) => {lifted})";
        }
        else if (IsIdentity(result))
        {
            completion = $"{Abi}.CompleteAsync({pendingCall}, {post})";
        }
        else
        {
            var core = scope.Use("result");
            completion = $"{Abi}.CompleteAsync<{CoreTypeName(CoreOf(result))}, {result.DisplayName}>({pendingCall}, {post}, static {core} => {Lift(result, core)})";
        }
        writer.Line($"return {completion}{(member.Return.Async == AsyncKind.Task ? ".AsTask()" : "")};");
        writer.Close();
    }

    /// <summary>Allocates the tuple of all arguments in guest memory and stores each into it; returns the tuple's address.</summary>
    private static string EmitArgumentTuple(CodeWriter writer, MemberModel member, List<string> declared, NameScope scope, Codec codec, StringEncoding encoding)
    {
        var values = new List<(ParameterModel Parameter, string Name)>();
        for (var i = 0; i < member.Parameters.Count; i++)
        {
            if (member.Parameters[i].Type.Kind != ValueKind.CancellationToken) values.Add((member.Parameters[i], declared[i]));
        }
        var layout = Layout.Tuple(values.Select(v => v.Parameter.Type));
        var tuple = scope.Use("arguments");
        writer.Line($"var {tuple} = {Abi}.AllocateArguments(this.memory, this.allocator, {layout.Alignment}, {layout.Size});");
        for (var i = 0; i < values.Count; i++)
        {
            var (parameter, name) = values[i];
            var address = MemoryAccess.Address(tuple, layout.Offsets[i]);
            if (Flattening.IsComplex(parameter.Type, encoding))
            {
                writer.Line(codec.Store(parameter.Type, "this.memory", "this.allocator", address, name));
                continue;
            }
            if (parameter.Type.Kind is ValueKind.Option or ValueKind.Record)
            {
                foreach (var line in MemoryAccess.StoreValue(parameter.Type, "this.memory", address, name)) writer.Line(line);
                continue;
            }
            if (!Flattening.IsInMemory(parameter.Type.Kind))
            {
                writer.Line(MemoryAccess.Store(parameter.Type, "this.memory", address, name));
                continue;
            }
            var pointer = scope.Use(parameter.Name + "Ptr");
            var length = scope.Use(parameter.Name + "Len");
            var lower = parameter.Type.Kind == ValueKind.String ? "LowerString" : "LowerBytes";
            var value = parameter.Type.Kind == ValueKind.ReadOnlyMemory ? name + ".Span" : name;
            writer.Line($"var {pointer} = {Abi}.{lower}(this.memory, this.allocator, {value}, out var {length});");
            writer.Line($"{Abi}.StoreI32(this.memory, {address}, {pointer});");
            writer.Line($"{Abi}.StoreI32(this.memory, {MemoryAccess.Address(tuple, layout.Offsets[i] + 4)}, {length});");
        }
        return tuple;
    }

    private static string FunctionType(MemberPlan plan)
    {
        if (!plan.Typed) return "global::WasmBind.Function";
        var types = plan.Signature.Parameters.Concat(plan.Signature.Results).Select(CoreTypeName).ToList();
        var name = plan.Signature.Results.Count == 0 ? "global::WasmBind.TypedAction" : "global::WasmBind.TypedFunc";
        return types.Count == 0 ? name : $"{name}<{string.Join(", ", types)}>";
    }

    private static string PostReturnType(MemberPlan plan) =>
        "global::WasmBind.TypedAction" + TypeArguments(plan.Signature.Results);

    private static string TypeArguments(IEnumerable<CoreType> types)
    {
        var names = types.Select(CoreTypeName).ToList();
        return names.Count == 0 ? "" : "<" + string.Join(", ", names) + ">";
    }
}
