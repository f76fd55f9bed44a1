namespace WasmBind.Testing;

/// <summary>
/// Carries out one script's commands against one fresh store: the current module, the named ones,
/// and a linker holding <c>spectest</c> plus everything the script registered.
/// </summary>
internal sealed class WastSession
{
    private readonly Engine engine;
    private readonly Store store;
    private readonly Linker linker;
    private readonly ExternObjects externs = new();
    private readonly Dictionary<string, Instance> named = new(StringComparer.Ordinal);
    // Why a module is missing, so the commands that use it fail with the cause rather than "no such module".
    private readonly Dictionary<string, string> namedFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Module> definitions = new(StringComparer.Ordinal);
    private Module? lastDefinition;
    // Modules skipped for using an unimplemented proposal: commands using them are skipped for the same reason.
    private readonly Dictionary<string, string> namedUnsupported = new(StringComparer.Ordinal);
    private string? currentUnsupported;
    // Names registered from a skipped module: a link error over one of them is that skip's consequence, not a failure.
    private readonly Dictionary<string, string> unsupportedRegistrations = new(StringComparer.Ordinal);
    private Instance? current;
    private string? currentFailure = "no module has been loaded yet";

    public WastSession(Engine engine, TextWriter? log)
    {
        this.engine = engine;
        store = new Store(engine);
        // A script may register the same name twice; the later definition wins, as in the reference interpreter.
        linker = new Linker(engine) { AllowShadowing = true };
        SpecTestHost.Define(linker, store, log);
    }

    public Outcome Execute(WastCommand command)
    {
        if (command.ReadError is { } error) return Outcome.Fail($"the command cannot be read: {error}");
        if (command.Unsupported is { } reason) return Outcome.Skip(reason);
        return command.Type switch
        {
            "module" => LoadCurrent(command),
            "module_definition" => Define(command),
            "module_instance" => InstantiateDefinition(command),
            "register" => Register(command),
            "action" => PerformOnly(command),
            "assert_return" => AssertReturn(command),
            "assert_trap" when command.Action is null => AssertInstantiationTraps(command),
            "assert_trap" => AssertTrap(command, command.Text),
            "assert_exhaustion" => AssertTrap(command, "call stack exhausted"),
            "assert_invalid" => AssertInvalid(command),
            "assert_malformed" => AssertMalformed(command),
            "assert_unlinkable" => AssertUnlinkable(command),
            "assert_uninstantiable" => AssertInstantiationTraps(command),
            _ => Outcome.Skip($"unsupported command {command.Type}"),
        };
    }

    private Outcome Define(WastCommand command)
    {
        Module module;
        try
        {
            module = LoadModule(command);
        }
        catch (SkipException skip)
        {
            if (command.Name is { } skipped) namedUnsupported["definition " + skipped] = skip.Message;
            throw;
        }
        lastDefinition = module;
        if (command.Name is { } name) definitions[name] = module;
        return Outcome.Pass;
    }

    private Outcome InstantiateDefinition(WastCommand command)
    {
        try
        {
            return InstantiateOrThrow(command);
        }
        catch (SkipException skip)
        {
            return SkipModule(command, skip.Message);
        }
    }

    private Outcome InstantiateOrThrow(WastCommand command)
    {
        var definition = lastDefinition;
        if (command.Definition is { } name && !definitions.TryGetValue(name, out definition))
        {
            if (namedUnsupported.TryGetValue("definition " + name, out var reason)) throw new SkipException(reason);
            throw new ScriptException($"no module definition named {name}");
        }
        if (definition is null) throw new ScriptException("no module definition to instantiate");
        return LoadCurrent(command, definition);
    }

    private Outcome SkipModule(WastCommand command, string reason)
    {
        current = null;
        currentUnsupported = reason;
        currentFailure = null;
        if (command.Name is { } name)
        {
            named.Remove(name);
            namedUnsupported[name] = reason;
        }
        return Outcome.Skip(reason);
    }

    private Outcome LoadCurrent(WastCommand command, Module? definition = null)
    {
        current = null;
        try
        {
            var instance = linker.Instantiate(store, definition ?? LoadModule(command));
            current = instance;
            currentFailure = null;
            currentUnsupported = null;
            if (command.Name is { } name)
            {
                named[name] = instance;
                namedFailures.Remove(name);
                namedUnsupported.Remove(name);
            }
            return Outcome.Pass;
        }
        catch (Exception ex) when ((SkipException.ReasonFor(ex) ?? SkippedImport(ex)) is { } reason)
        {
            return SkipModule(command, reason);
        }
        catch (Exception ex)
        {
            currentUnsupported = null;
            var why = ExceptionText.Describe(ex);
            currentFailure = $"the module at line {command.Line} failed to load ({why})";
            if (command.Name is { } name)
            {
                named.Remove(name);
                namedFailures[name] = currentFailure;
            }
            return Outcome.Fail(why);
        }
    }

    private Outcome Register(WastCommand command)
    {
        var name = Require(command.As, command);
        try
        {
            linker.DefineInstance(name, InstanceFor(command.Name));
            unsupportedRegistrations.Remove(name);
        }
        catch (SkipException skip)
        {
            unsupportedRegistrations[name] = skip.Message;
            throw;
        }
        return Outcome.Pass;
    }

    private string? SkippedImport(Exception ex) =>
        ex is LinkException { ImportModule: { } module } && unsupportedRegistrations.TryGetValue(module, out var reason) ? reason : null;

    // A bare action's results are not checked, but a trap or error in it fails the script like any other.
    private Outcome PerformOnly(WastCommand command)
    {
        Perform(Require(command.Action, command));
        return Outcome.Pass;
    }

    private Outcome AssertReturn(WastCommand command)
    {
        var action = Require(command.Action, command);
        var results = Perform(action);
        var expected = command.Expected ?? [];
        if (results.Length != expected.Count)
            return Outcome.Fail($"{action} returned {results.Length} value(s) [{string.Join(", ", results.Select(WastValues.Describe))}], expected {expected.Count}");
        var problems = new List<string>();
        for (var i = 0; i < results.Length; i++)
        {
            if (WastValues.Mismatch(expected[i], results[i], externs) is { } problem)
                problems.Add(results.Length == 1 ? problem : $"result {i}: {problem}");
        }
        return problems.Count == 0 ? Outcome.Pass : Outcome.Fail($"{action}: {string.Join("; ", problems)}");
    }

    private Outcome AssertTrap(WastCommand command, string? text)
    {
        var action = Require(command.Action, command);
        try
        {
            var results = Perform(action);
            return Outcome.Fail($"{action} returned [{string.Join(", ", results.Select(WastValues.Describe))}]; expected trap \"{text}\"");
        }
        catch (TrapException trap)
        {
            return TrapExpectations.Mismatch(text, trap) is { } problem ? Outcome.Fail($"{action}: {problem}") : Outcome.Pass;
        }
    }

    private Outcome AssertInstantiationTraps(WastCommand command)
    {
        var module = LoadModule(command);
        try
        {
            linker.Instantiate(store, module);
            return Outcome.Fail($"instantiation succeeded; expected trap \"{command.Text}\"");
        }
        catch (TrapException trap)
        {
            return TrapExpectations.Mismatch(command.Text, trap) is { } problem ? Outcome.Fail(problem) : Outcome.Pass;
        }
        catch (LinkException ex) when (SkippedImport(ex) is { } reason)
        {
            return Outcome.Skip(reason);
        }
        catch (LinkException ex)
        {
            return Outcome.Fail($"expected trap \"{command.Text}\" at instantiation, got {ExceptionText.Describe(ex)}");
        }
    }

    private Outcome AssertInvalid(WastCommand command)
    {
        try
        {
            Module.FromBytes(engine, ReadModule(command));
            return Outcome.Fail($"module validated; expected invalid: \"{command.Text}\"");
        }
        catch (InvalidModuleException)
        {
            return Outcome.Pass;
        }
        catch (MalformedModuleException ex) when (SkipException.ReasonFor(ex) is { } reason)
        {
            // A binary module of a proposal the runtime does not implement cannot be checked for validity.
            return Outcome.Skip(reason);
        }
        catch (MalformedModuleException ex)
        {
            // Kept a failure on purpose: the malformed/invalid split is part of the spec, and the lead decides each case.
            return Outcome.Fail($"expected invalid (\"{command.Text}\"), got malformed: {ex.Message}");
        }
    }

    private Outcome AssertMalformed(WastCommand command)
    {
        try
        {
            Module.FromBytes(engine, ReadModule(command));
            return Outcome.Fail($"module decoded and validated; expected malformed: \"{command.Text}\"");
        }
        catch (MalformedModuleException)
        {
            return Outcome.Pass;
        }
        catch (InvalidModuleException ex)
        {
            return Outcome.Fail($"expected malformed (\"{command.Text}\"), got invalid: {ex.Message}");
        }
    }

    private Outcome AssertUnlinkable(WastCommand command)
    {
        var module = LoadModule(command);
        try
        {
            linker.Instantiate(store, module);
            return Outcome.Fail($"instantiation succeeded; expected link error \"{command.Text}\"");
        }
        catch (LinkException)
        {
            return Outcome.Pass;
        }
        catch (TrapException trap)
        {
            return Outcome.Fail($"expected link error \"{command.Text}\", got {ExceptionText.Describe(trap)}");
        }
    }

    private Value[] Perform(WastAction action)
    {
        var instance = InstanceFor(action.Module);
        switch (action.Type)
        {
            case "invoke":
                var function = instance.GetFunction(action.Field)
                    ?? throw new ScriptException($"the module has no exported function \"{action.Field}\"");
                var arguments = action.Args.Select(a => WastValues.ToValue(a, externs)).ToArray();
                return function.Invoke(arguments);
            case "get":
                var global = instance.GetGlobal(action.Field)
                    ?? throw new ScriptException($"the module has no exported global \"{action.Field}\"");
                return [global.Value];
            default:
                throw new ScriptException($"unknown action type \"{action.Type}\"");
        }
    }

    private Instance InstanceFor(string? name)
    {
        if (name is null && current is null && currentUnsupported is { } unsupported) throw new SkipException(unsupported);
        if (name is null) return current ?? throw new ScriptException($"no current module: {currentFailure}");
        if (named.TryGetValue(name, out var instance)) return instance;
        if (namedUnsupported.TryGetValue(name, out var reason)) throw new SkipException(reason);
        throw new ScriptException(namedFailures.TryGetValue(name, out var why) ? $"module {name}: {why}" : $"no module named {name}");
    }

    private Module LoadModule(WastCommand command)
    {
        var bytes = ReadModule(command);
        try
        {
            return Module.FromBytes(engine, bytes);
        }
        catch (Exception ex) when (SkipException.ReasonFor(ex) is { } reason)
        {
            throw new SkipException(reason);
        }
        catch (WasmException ex) when (command.Type != "module")
        {
            // For assertions about instantiation, a module that does not even load is the script's precondition failing.
            throw new ScriptException($"the module failed to load: {ExceptionText.Describe(ex)}");
        }
    }

    // Text modules are encoded here, so a text that does not parse throws MalformedModuleException like bad bytes do.
    private byte[] ReadModule(WastCommand command)
    {
        try
        {
            return Require(command.Module, command).ToBinary(engine.Config.Features);
        }
        catch (Exception ex) when (SkipException.ReasonFor(ex) is { } reason)
        {
            throw new SkipException(reason);
        }
    }

    private static T Require<T>(T? value, WastCommand command) where T : class =>
        value ?? throw new ScriptException($"the {command.Type} command has a missing field");
}
