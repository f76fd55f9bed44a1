using WasmBind.Binary;
using WasmBind.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Binary;

/// <summary>
/// Feeds the decoder truncated and corrupted copies of every spec-suite binary: whatever the bytes, the only
/// failure allowed is <see cref="MalformedModuleException"/> (a hang or any other exception is a bug).
/// </summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    private const int EveryLengthBelow = 256;
    private const int SampledLengths = 64;
    private const int CorruptionsPerFile = 20;

    public static IEnumerable<object[]> Scripts() => SharedData.CoreScriptRows();

    /// <summary>The code under test, in one place so later stages (validation) can join the fuzzing.</summary>
    private static readonly Engine FuzzEngine = new();

    // Decodes, validates and translates: the whole path Module.FromBytes takes before instantiation.
    private static void DecodeAndValidate(byte[] bytes)
    {
        Module.FromBytes(FuzzEngine, bytes);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void TruncatedAndCorruptedModules_FailOnlyAsMalformedOrInvalid(string script)
    {
        if (SharedData.IsAbsent(script, output)) return;
        var failures = new List<string>();
        var runs = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(SharedData.CoreJsonRoot!, script), "*.wasm").Order(StringComparer.Ordinal))
        {
            var original = File.ReadAllBytes(path);
            var name = Path.GetFileName(path);
            foreach (var length in TruncationLengths(original.Length))
            {
                runs++;
                Check(original.AsSpan(0, length).ToArray(), $"{name} truncated to {length} bytes", failures);
            }
            var random = new Random(StableSeed(name));
            for (var i = 0; i < CorruptionsPerFile; i++)
            {
                runs++;
                var (mutated, description) = Corrupt(original, random);
                Check(mutated, $"{name} with {description}", failures);
            }
        }
        output.WriteLine($"{runs} decodes");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static void Check(byte[] bytes, string description, List<string> failures)
    {
        try
        {
            DecodeAndValidate(bytes);
        }
        catch (MalformedModuleException)
        {
        }
        catch (InvalidModuleException)
        {
        }
        catch (Exception e)
        {
            failures.Add($"{description}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static IEnumerable<int> TruncationLengths(int length)
    {
        if (length < EveryLengthBelow)
        {
            for (var i = 0; i < length; i++) yield return i;
            yield break;
        }
        for (var i = 0; i < SampledLengths; i++) yield return (int)((long)length * i / SampledLengths);
    }

    // Changes 1 to 4 bytes past the header (corrupting the header only exercises the magic check).
    private static (byte[] Bytes, string Description) Corrupt(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length <= 8) return (bytes, "no change (header only)");
        var changes = random.Next(1, 5);
        var described = new List<string>(changes);
        for (var i = 0; i < changes; i++)
        {
            var at = random.Next(8, bytes.Length);
            var value = (byte)random.Next(256);
            described.Add($"[{at}]=0x{value:x2}");
            bytes[at] = value;
        }
        return (bytes, string.Join(", ", described));
    }

    // string.GetHashCode is randomised per process; the corruptions must be the same on every run.
    private static int StableSeed(string name)
    {
        var hash = 2166136261;
        foreach (var c in name) hash = (hash ^ c) * 16777619;
        return (int)hash;
    }
}
