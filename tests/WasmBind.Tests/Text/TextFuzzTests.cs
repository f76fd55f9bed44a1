using WasmBind.Testing;
using WasmBind.Tests.Spec;
using WasmBind.Text;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Text;

/// <summary>
/// Mutated text must only ever be rejected with the documented exception: <see cref="MalformedTextException"/> from the
/// parser and the script reader, and, for text that does encode, only Malformed/InvalidModuleException from loading it.
/// The CI run is a fixed seed and 5,000 inputs; set WASMBIND_TEXT_FUZZ_COUNT (and WASMBIND_TEXT_FUZZ_SEED) for longer runs.
/// </summary>
public sealed class TextFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261129;
    private const int DefaultCount = 5000;

    [Fact]
    public void Mutated_text_throws_only_malformed_text_exceptions()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WASMBIND_TEXT_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("WASMBIND_TEXT_FUZZ_COUNT"), out var n) ? n : DefaultCount;
        var corpus = TextFuzzer.Corpus(SpecSuiteLocator.WastCoreRoot);
        var fuzzer = new TextFuzzer(seed);
        var engine = new Engine();
        int malformed = 0, encoded = 0, loaded = 0, scripts = 0;
        for (var i = 0; i < count; i++)
        {
            var input = fuzzer.Mutate(corpus);
            try
            {
                var bytes = WebAssemblyText.ToBinary(input);
                encoded++;
                Module.FromBytes(engine, bytes);
                loaded++;
            }
            catch (MalformedModuleException)
            {
                malformed++;
            }
            catch (InvalidModuleException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {i} (seed {seed}) threw {ex.GetType().Name} from the text parser:\n{ex}\n--- input ---\n{input}");
            }

            try
            {
                WastTextReader.Read(input);
                scripts++;
            }
            catch (MalformedTextException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {i} (seed {seed}) threw {ex.GetType().Name} from the script reader:\n{ex}\n--- input ---\n{input}");
            }
        }
        output.WriteLine($"{count} inputs from {corpus.Count} snippets: {encoded} encoded, {loaded} loaded, {malformed} malformed, {scripts} read as scripts");
        // The mutations must leave both outcomes common, or the test is not exercising the encoder behind the reader.
        Assert.InRange(encoded, count / 20, count - count / 20);
    }
}
