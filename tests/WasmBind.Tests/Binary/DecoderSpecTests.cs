using WasmBind.Binary;
using WasmBind.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace WasmBind.Tests.Binary;

/// <summary>
/// The decoder against the core spec suite: binary <c>assert_malformed</c> modules must be rejected and
/// every other binary module must decode.
/// </summary>
public sealed class DecoderSpecTests(ITestOutputHelper output)
{
    /// <summary>
    /// Binary <c>assert_malformed</c> modules whose malformation lies inside a function body (past its
    /// locals). The reference interpreter finds these while decoding instructions; in WasmBind that is the
    /// validator's job, so the decoder alone accepts them. Keyed by "script/file".
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> LeftForValidator = BuildLeftForValidator();

    /// <summary>How many entries <see cref="LeftForValidator"/> has; a change here needs a reason.</summary>
    private const int LeftForValidatorCount = 38;

    private static Dictionary<string, string> BuildLeftForValidator()
    {
        var cases = new Dictionary<string, string>();
        void Add(string script, int first, int last, string why)
        {
            for (var i = first; i <= last; i++) cases.Add($"{script}/{script}.{i}.wasm", why);
        }
        Add("binary-leb128", 40, 43, "memarg alignment/offset LEB128 longer than 5 bytes (i32.load, i32.store)");
        Add("binary-leb128", 65, 72, "memarg alignment/offset LEB128 with unused bits set (i32.load, i32.store)");
        Add("binary-leb128", 82, 82, "0xFC sub-opcode LEB128 longer than 5 bytes (i64.trunc_sat_f64_u)");
        Add("binary", 80, 83, "memarg alignment/offset LEB128 longer than 5 bytes (i32.load, i32.store)");
        Add("binary", 90, 97, "memarg alignment/offset LEB128 with unused bits set (i32.load, i32.store)");
        Add("binary", 106, 115, "memory.grow/memory.size reserved byte not a single 0x00");
        Add("binary", 129, 130, "memory.init/data.drop without a data count section");
        Add("binary", 174, 174, "br_table target count runs past the body's end (whose last byte is still 0x0B)");
        return cases;
    }

    public static IEnumerable<object[]> Scripts() => SharedData.CoreScriptRows();

    [Fact]
    public void Testsuite_IsPresent_WhenRunningOnCi()
    {
        if (SharedData.TestsuiteRoot is null && SharedData.IsCi) Assert.Fail(SharedData.AbsentMessage);
        if (SharedData.TestsuiteRoot is null) output.WriteLine(SharedData.AbsentMessage);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void MalformedBinaryModules_AreRejected(string script)
    {
        if (SharedData.IsAbsent(script, output)) return;
        var failures = new List<string>();
        foreach (var (command, key, bytes) in MalformedBinaries(script))
        {
            var error = TryDecode(bytes);
            var leftForValidator = LeftForValidator.ContainsKey(key);
            if (leftForValidator && error is not null)
                failures.Add($"{key} (line {command.Line}) is listed as left for the validator but the decoder rejects it: {error.Message}");
            else if (!leftForValidator && error is null)
                failures.Add($"{key} (line {command.Line}) decoded, expected malformed \"{command.Text}\"");
            else if (error is not null and not MalformedModuleException)
                failures.Add($"{key} (line {command.Line}) threw {error.GetType().Name}: {error.Message}");
            else if (error is MalformedModuleException malformed)
                output.WriteLine($"{key}: expected \"{command.Text}\", got \"{malformed.Reason}\"");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void WellFormedBinaryModules_Decode(string script)
    {
        if (SharedData.IsAbsent(script, output)) return;
        var failures = new List<string>();
        var dir = Path.Combine(SharedData.CoreJsonRoot!, script);
        foreach (var command in SpecScript.Load(dir))
        {
            // Invalid, unlinkable and uninstantiable modules are all well-formed: they fail later.
            if (!command.HasBinaryModule || command.Type is "assert_malformed") continue;
            var error = TryDecode(File.ReadAllBytes(Path.Combine(dir, command.FileName!)));
            if (error is not null)
                failures.Add($"{script}/{command.FileName} ({command.Type}, line {command.Line}): {error.GetType().Name}: {error.Message}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void CasesLeftForValidator_AreExactlyTheDocumentedOnes()
    {
        if (SharedData.CoreJsonRoot is null)
        {
            output.WriteLine(SharedData.AbsentMessage);
            return;
        }
        var total = 0;
        var accepted = new List<string>();
        foreach (var row in SharedData.CoreScriptRows())
        {
            foreach (var (_, key, bytes) in MalformedBinaries((string)row[0]))
            {
                total++;
                if (TryDecode(bytes) is null) accepted.Add(key);
            }
        }
        output.WriteLine($"{total} binary assert_malformed modules: {total - accepted.Count} rejected by the decoder, " +
            $"{accepted.Count} left for the validator.");
        Assert.Equal(LeftForValidatorCount, LeftForValidator.Count);
        Assert.Equal(LeftForValidator.Keys.Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<(SpecCommand Command, string Key, byte[] Bytes)> MalformedBinaries(string script)
    {
        var dir = Path.Combine(SharedData.CoreJsonRoot!, script);
        foreach (var command in SpecScript.Load(dir))
        {
            if (command.Type != "assert_malformed" || command.ModuleType != "binary" || !command.HasBinaryModule) continue;
            yield return (command, $"{script}/{command.FileName}", File.ReadAllBytes(Path.Combine(dir, command.FileName!)));
        }
    }

    private static Exception? TryDecode(byte[] bytes)
    {
        try
        {
            ModuleDecoder.Decode(bytes);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
