using System.Collections.Generic;
using System.Linq;
using WasmBind.Generators.Model;
using static WasmBind.Generators.Emitting.Conversions;

namespace WasmBind.Generators.Emitting;

/// <summary>
/// Writes <c>AddTo(Linker, T)</c> for a <c>[WasmImports]</c> interface: each member becomes a typed host function
/// (<c>DefineFunction</c>/<c>DefineAsyncFunction</c> with a lambda over core values) that lifts the guest's
/// arguments, calls the implementation and lowers its result. Signatures of more than <see cref="Flattening.MaxTypedArity"/>
/// core parameters (the runtime's typed overloads, both written by scripts/generate-arities.py) use the untyped
/// <c>DefineFunction(module, name, FunctionType, callback)</c>.
/// </summary>
internal static class ImportsEmitter
{
    public static void Emit(CodeWriter writer, InterfaceModel model, Codec codec)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Defines every member of <see cref=\"{model.Name}\"/> on <paramref name=\"linker\"/> as a host function of module");
        writer.Line($"/// <c>{Xml(model.ModuleName)}</c>, implemented by <paramref name=\"implementation\"/>. Strings and bytes are read from and");
        writer.Line($"/// written to the calling instance's memory <c>{Xml(model.MemoryName)}</c>; results the guest must own are allocated");
        writer.Line($"/// with its <c>{Xml(model.AllocatorName)}</c>.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"linker\">The linker to define the host functions on.</param>");
        writer.Line("/// <param name=\"implementation\">The host's implementation of the interface.</param>");
        var linkerType = model.CallerDataType is { } data ? $"global::WasmBind.Linker<{data}>" : "global::WasmBind.Linker";
        writer.Open($"public static void AddTo({linkerType} linker, {model.Name} implementation)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(linker);");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(implementation);");
        foreach (var member in model.Members)
        {
            writer.Line();
            EmitMember(writer, model, member, codec);
        }
        writer.Close();
    }

    private static void EmitMember(CodeWriter writer, InterfaceModel model, MemberModel member, Codec codec)
    {
        bool Complex(TypeModel type) => Flattening.IsComplex(type, model.StringEncoding);
        var signature = Flattening.GetCoreSignature(member, BindingKind.Imports);
        var isAsync = member.Return.Async != AsyncKind.None;
        var result = member.Return.Value;
        var resultInMemory = result is not null && Flattening.ResultInMemory(result);
        // An async result that travels through memory is lowered by the runtime when the guest call resumes (never
        // from the implementation's continuation, which may run after the call was cancelled or while another
        // thread uses the store): CanonicalAbi.DefineAsyncImport, over positional core arguments.
        var deferred = isAsync && resultInMemory;
        var typed = !deferred && signature.Parameters.Count <= Flattening.MaxTypedArity;
        // Past 16 core values the guest passes the address of a tuple holding every argument.
        var spilled = Flattening.ParametersInMemory(member);

        // Names: the member's own parameters first, so they read as declared.
        var scope = new NameScope("linker", "implementation");
        var coreNames = new List<string>();
        var parameterNames = new List<(string Pointer, string? Length)>();
        var recordCores = new Dictionary<int, List<string>>();
        foreach (var parameter in member.Parameters)
        {
            if (parameter.Type.Kind == ValueKind.Caller || spilled)
            {
                parameterNames.Add(("", null)); // not a core value: the caller, or a field of the arguments' tuple
            }
            else if (parameter.Type.Kind == ValueKind.Record || Complex(parameter.Type))
            {
                // One core value per flattened field, named after the parameter; lifted back in order.
                var first = coreNames.Count;
                var count = Flattening.FlatCount(parameter.Type);
                for (var c = 0; c < count; c++) coreNames.Add(scope.Use(parameter.Name + c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                recordCores[parameterNames.Count] = coreNames.GetRange(first, count);
                parameterNames.Add(("", null));
            }
            else if (parameter.Type.Kind == ValueKind.Option)
            {
                var discriminant = scope.Use(parameter.Name + "Case");
                var payload = scope.Use(parameter.Name + "Value");
                coreNames.Add(discriminant);
                coreNames.Add(payload);
                parameterNames.Add((discriminant, payload));
            }
            else if (Flattening.IsInMemory(parameter.Type.Kind))
            {
                var pointer = scope.Use(parameter.Name + "Ptr");
                var length = scope.Use(parameter.Name + "Len");
                coreNames.Add(pointer);
                coreNames.Add(length);
                parameterNames.Add((pointer, length));
            }
            else
            {
                var name = scope.Use(parameter.Name);
                coreNames.Add(name);
                parameterNames.Add((name, null));
            }
        }
        var tuple = spilled ? scope.Use("tuple") : null;
        if (tuple is not null) coreNames.Add(tuple);
        var returnArea = resultInMemory ? scope.Use("returnArea") : null;
        if (returnArea is not null) coreNames.Add(returnArea);
        var caller = scope.Use("caller");
        var memory = scope.Use("memory");
        var argumentsName = typed ? null : scope.Use("arguments");
        var resultsName = typed || deferred ? null : scope.Use("results");
        var lambdaValue = scope.Use("value");

        writer.Line($"// {member.WasmName}: {signature}");
        var module = Literal(model.ModuleName);
        var wasmName = Literal(member.WasmName);
        var define = isAsync ? "DefineAsyncFunction" : "DefineFunction";
        if (deferred)
        {
            var parameterTypes = string.Join(", ", signature.Parameters.Select(ValueTypeName));
            writer.Line($"{Abi}.DefineAsyncImport<{result!.DisplayName}>(linker, {module}, {wasmName},");
            writer.Line($"    new global::WasmBind.FunctionType((global::System.ReadOnlySpan<global::WasmBind.ValueType>)[{parameterTypes}], (global::System.ReadOnlySpan<global::WasmBind.ValueType>)[]),");
            writer.Line($"    (global::WasmBind.Caller {caller}, global::WasmBind.Bindings.CoreArguments {argumentsName}) =>");
        }
        else if (typed)
        {
            var typeArguments = signature.Parameters.Select(CoreTypeName).ToList();
            if (signature.Results.Count == 1) typeArguments.Add(CoreTypeName(signature.Results[0]));
            var generic = typeArguments.Count > 0 ? "<" + string.Join(", ", typeArguments) + ">" : "";
            var lambdaParameters = new[] { "global::WasmBind.Caller " + caller }
                .Concat(signature.Parameters.Select((t, i) => CoreTypeName(t) + " " + coreNames[i]));
            writer.Line($"linker.{define}{generic}({module}, {wasmName}, ({string.Join(", ", lambdaParameters)}) =>");
        }
        else
        {
            var parameterTypes = string.Join(", ", signature.Parameters.Select(ValueTypeName));
            var resultTypes = string.Join(", ", signature.Results.Select(ValueTypeName));
            writer.Line($"linker.{define}({module}, {wasmName},");
            writer.Line($"    new global::WasmBind.FunctionType((global::System.ReadOnlySpan<global::WasmBind.ValueType>)[{parameterTypes}], (global::System.ReadOnlySpan<global::WasmBind.ValueType>)[{resultTypes}]),");
            writer.Line(isAsync
                ? $"    (global::WasmBind.Caller {caller}, global::WasmBind.Value[] {argumentsName}, global::WasmBind.Value[] {resultsName}) =>"
                : $"    (global::WasmBind.Caller {caller}, global::System.ReadOnlySpan<global::WasmBind.Value> {argumentsName}, global::System.Span<global::WasmBind.Value> {resultsName}) =>");
        }
        writer.Line("{");
        writer.Indent();
        if (deferred)
        {
            // The return pointer (the last core argument) is the runtime's to pass to the store step.
            for (var i = 0; i < signature.Parameters.Count - 1; i++)
                writer.Line($"var {coreNames[i]} = {argumentsName}.{CoreArgumentAccessor(signature.Parameters[i])}({i});");
        }
        else if (!typed)
        {
            for (var i = 0; i < signature.Parameters.Count; i++)
                writer.Line($"var {coreNames[i]} = {argumentsName}[{i}].{ValueAccessor(signature.Parameters[i])}();");
        }
        var needsMemory = spilled || member.Parameters.Any(p => Flattening.IsInMemory(p.Type.Kind) || Flattening.UsesMemory(p.Type)) || (resultInMemory && !isAsync);
        if (needsMemory) writer.Line($"var {memory} = {Abi}.GetMemory({caller}, {Literal(model.MemoryName)});");
        var offsets = new Dictionary<int, int>();
        if (tuple is not null)
        {
            var fields = Enumerable.Range(0, member.Parameters.Count).Where(i => member.Parameters[i].Type.Kind != ValueKind.Caller).ToList();
            var layout = Layout.Tuple(fields.Select(i => member.Parameters[i].Type));
            for (var f = 0; f < fields.Count; f++) offsets[fields[f]] = layout.Offsets[f];
            writer.Line($"{Abi}.CheckArguments({memory}, {tuple}, {layout.Alignment}, {layout.Size});");
        }

        // Lift strings and bytes into locals named as the parameters; scalars convert inline.
        var arguments = new List<string>();
        for (var i = 0; i < member.Parameters.Count; i++)
        {
            var parameter = member.Parameters[i];
            var (pointer, length) = parameterNames[i];
            if (parameter.Type.Kind == ValueKind.Caller)
            {
                // Caller<TData> is a view of the same struct; Linker<TData> guarantees the store's data type.
                arguments.Add(model.CallerDataType is { } data && parameter.Type.DisplayName != "global::WasmBind.Caller"
                    ? $"{Abi}.WithData<{data}>({caller})"
                    : caller);
                continue;
            }
            if (tuple is not null)
            {
                var address = MemoryAccess.Address(tuple, offsets[i]);
                if (Complex(parameter.Type))
                {
                    arguments.Add(codec.Load(parameter.Type, memory, address));
                    continue;
                }
                if (parameter.Type.Kind is ValueKind.Option or ValueKind.Record)
                {
                    arguments.Add(MemoryAccess.LoadValue(parameter.Type, memory, address));
                    continue;
                }
                if (!Flattening.IsInMemory(parameter.Type.Kind))
                {
                    arguments.Add(Lift(parameter.Type, MemoryAccess.Load(parameter.Type, memory, address)));
                    continue;
                }
                pointer = $"{Abi}.LoadI32({memory}, {address})";
                length = $"{Abi}.LoadI32({memory}, {MemoryAccess.Address(tuple, offsets[i] + 4)})";
            }
            else if (recordCores.TryGetValue(i, out var cores) && Complex(parameter.Type))
            {
                // The core values as slots of their bits, which the codec lifts (checking everything the guest supplied).
                var first = coreNames.IndexOf(cores[0]);
                var slots = cores.Select((c, k) => Codec.WriteSlot(signature.Parameters[first + k], c));
                arguments.Add(cores.Count == 1 ? codec.LiftOne(parameter.Type, cores[0])
                    : codec.FlatLift(parameter.Type, needsMemory ? memory : "null", $"(global::System.ReadOnlySpan<ulong>)[{string.Join(", ", slots)}]", "0"));
                continue;
            }
            else if (parameter.Type.Kind == ValueKind.Option)
            {
                arguments.Add(MemoryAccess.LiftOption(parameter.Type, pointer, length!));
                continue;
            }
            else if (recordCores.TryGetValue(i, out cores))
            {
                arguments.Add(MemoryAccess.FlatLift(parameter.Type, cores.GetEnumerator()));
                continue;
            }
            else if (length is null)
            {
                arguments.Add(Lift(parameter.Type, pointer));
                continue;
            }
            var local = scope.Use(parameter.Name);
            var lift = parameter.Type.Kind switch
            {
                ValueKind.String => "LiftString",
                ValueKind.ReadOnlySpan => "LiftSpan",
                _ => "LiftBytes",
            };
            writer.Line($"var {local} = {Abi}.{lift}({memory}, {pointer}, {length});");
            arguments.Add(local);
        }
        var call = $"implementation.{NameScope.Escape(member.Name)}({string.Join(", ", arguments)})";
        if (deferred)
        {
            writer.Line(member.Return.Async == AsyncKind.ValueTask ? $"return {call};" : $"return new {ValueTaskType}<{result!.DisplayName}>({call});");
            writer.Unindent();
            writer.Line("},");
            if (result!.Kind is ValueKind.Option or ValueKind.Record || Complex(result))
            {
                writer.Line($"    static (global::WasmBind.Caller {caller}, {result.DisplayName} {lambdaValue}, int {returnArea}) =>");
                writer.Line("    {");
                writer.Line($"        var {memory} = {Abi}.GetMemory({caller}, {Literal(model.MemoryName)});");
                writer.Line($"        {Abi}.CheckResultArea({memory}, {returnArea}, {Layout.Alignment(result)}, {Layout.Size(result)});");
                if (Complex(result))
                    writer.Line("        " + codec.Store(result, memory, $"{Abi}.FindAllocator({caller}, {Literal(model.AllocatorName)})", returnArea!, lambdaValue));
                else
                    foreach (var line in MemoryAccess.StoreValue(result, memory, returnArea!, lambdaValue)) writer.Line("        " + line);
                writer.Line("    });");
                return;
            }
            writer.Line($"    static (global::WasmBind.Caller {caller}, {result.DisplayName} {lambdaValue}, int {returnArea}) => " +
                $"{Abi}.StoreAsyncResult({caller}, {Literal(model.MemoryName)}, {Literal(model.AllocatorName)}, {lambdaValue}, {returnArea}));");
            return;
        }
        EmitResult(writer, model, member, call, caller, needsMemory ? memory : "null", returnArea, resultsName, lambdaValue, scope, codec);
        writer.Unindent();
        writer.Line("});");
    }

    private static string CoreArgumentAccessor(CoreType type) => type switch
    {
        CoreType.I64 => "I64",
        CoreType.F32 => "F32",
        CoreType.F64 => "F64",
        _ => "I32",
    };

    private static void EmitResult(CodeWriter body, InterfaceModel model, MemberModel member, string call, string caller, string memory, string? returnArea, string? results, string lambdaValue, NameScope scope, Codec codec)
    {
        var complex = member.Return.Value is { } r && Flattening.IsComplex(r, model.StringEncoding);
        string LowerResult(TypeModel type, string value) => complex ? codec.LowerOne(type, value) : Lower(type, value);
        var result = member.Return.Value;
        var allocator = Literal(model.AllocatorName);
        if (member.Return.Async == AsyncKind.None)
        {
            if (result is null)
            {
                body.Line(call + ";");
            }
            else if (result.Kind == ValueKind.Option || ((result.Kind == ValueKind.Record || complex) && returnArea is not null))
            {
                var local = scope.Use("result");
                body.Line($"var {local} = {call};");
                body.Line($"{Abi}.CheckResultArea({memory}, {returnArea}, {Layout.Alignment(result)}, {Layout.Size(result)});");
                if (complex) body.Line(codec.Store(result, memory, $"{Abi}.FindAllocator({caller}, {allocator})", returnArea!, local));
                else foreach (var line in MemoryAccess.StoreValue(result, memory, returnArea!, local)) body.Line(line);
            }
            else if (Flattening.IsInMemory(result.Kind))
            {
                var local = scope.Use("result");
                body.Line($"var {local} = {call};");
                var method = result.Kind == ValueKind.String ? "StoreStringResult" : "StoreBytesResult";
                var value = result.Kind == ValueKind.ReadOnlyMemory ? local + ".Span" : local;
                body.Line($"{Abi}.{method}({caller}, {memory}, {allocator}, {value}, {returnArea});");
            }
            else if (results is null)
            {
                body.Line($"return {LowerResult(result, call)};");
            }
            else
            {
                body.Line($"{results}[0] = {ValueFactory(CoreOf(result))}({LowerResult(result, call)});");
            }
            return;
        }

        // Async: the implementation's task, as a ValueTask.
        var task = member.Return.Async == AsyncKind.ValueTask ? call
            : result is null ? $"new {ValueTaskType}({call})"
            : $"new {ValueTaskType}<{result.DisplayName}>({call})";
        if (result is null)
        {
            body.Line($"return {task};");
            return;
        }
        var core = CoreOf(result);
        if (IsIdentity(result) && results is null)
        {
            body.Line($"return {task};");
            return;
        }
        var pending = scope.Use("result");
        body.Line($"var {pending} = {task};");
        var lowered = IsIdentity(result) ? pending
            : $"{Abi}.LowerResultAsync<{result.DisplayName}, {CoreTypeName(core)}>({pending}, static {lambdaValue} => {LowerResult(result, lambdaValue)})";
        body.Line(results is null ? $"return {lowered};" : $"return {Abi}.SetResultAsync<{CoreTypeName(core)}>({lowered}, {results});");
    }

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
