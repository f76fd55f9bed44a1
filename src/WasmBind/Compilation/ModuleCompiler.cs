using WasmBind.Binary;
using WasmBind.Validation;

namespace WasmBind.Compilation;

/// <summary>
/// The load pipeline after decoding: module-level validation (<see cref="ModuleValidator"/>), then each function
/// body validated and translated in one pass (<see cref="FunctionTranslator"/>), or only validated when translation
/// is lazy. Compilation depends on Validation, never the reverse.
/// </summary>
internal static class ModuleCompiler
{
    /// <summary>Validates the module and translates its functions now, or (lazily) returns the means to translate them later.</summary>
    /// <exception cref="InvalidModuleException">The module is invalid.</exception>
    /// <exception cref="MalformedModuleException">A body after the first invalid one is malformed (malformed wins, as the spec's tests expect).</exception>
    public static FunctionTable ValidateAndCompile(Engine engine, ModuleDefinition module)
    {
        var context = ModuleValidator.Validate(engine.Config, module);
        var lazy = engine.Config.LazyTranslation;
        var compiled = new CompiledFunction?[module.Bodies.Length];
        var translator = new FunctionTranslator(context);
        for (var i = 0; i < compiled.Length; i++)
        {
            try
            {
                if (lazy) translator.Validate(module.ImportedFunctionCount + i, module.Bodies[i]);
                else compiled[i] = translator.Translate(module.ImportedFunctionCount + i, module.Bodies[i]);
            }
            catch (InvalidModuleException)
            {
                // A malformed body later in the module takes precedence over this invalid one.
                for (var j = i; j < compiled.Length; j++) BodySyntaxChecker.Check(module, module.Bodies[j], context.Features);
                throw;
            }
        }
        return new FunctionTable(context, compiled);
    }
}
