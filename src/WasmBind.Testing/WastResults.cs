namespace WasmBind.Testing;

/// <summary>One command that did not do what the script expected.</summary>
internal sealed record WastFailure(int Line, string Command, string Message)
{
    public override string ToString() => $"line {Line}: {Command}: {Message}";
}

/// <summary>Pass/fail/skip counts of one kind of command, or of all.</summary>
internal sealed class WastTally
{
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }
    public int Total => Passed + Failed + Skipped;

    public void Add(WastTally other)
    {
        Passed += other.Passed;
        Failed += other.Failed;
        Skipped += other.Skipped;
    }
}

/// <summary>The outcome of one script. Every command counts exactly once as passed, failed or skipped.</summary>
internal sealed class ScriptResult(string name, string path)
{
    public string Name { get; } = name;
    public string Path { get; } = path;
    public WastTally Totals { get; } = new();
    public SortedDictionary<string, WastTally> ByCommand { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> SkippedByReason { get; } = new(StringComparer.Ordinal);
    public List<WastFailure> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }

    public int Passed => Totals.Passed;
    public int Failed => Totals.Failed;
    public int Skipped => Totals.Skipped;
    public bool Succeeded => Failed == 0;

    public void Pass(WastCommand command)
    {
        Totals.Passed++;
        TallyOf(command.Type).Passed++;
    }

    public void Fail(WastCommand command, string message) => Fail(command.Line, command.Type, message);

    public void Fail(int line, string commandType, string message)
    {
        Totals.Failed++;
        TallyOf(commandType).Failed++;
        Failures.Add(new WastFailure(line, commandType, message));
    }

    public void Skip(WastCommand command, string reason) => Skip(command.Type, reason);

    public void Skip(string commandType, string reason)
    {
        Totals.Skipped++;
        TallyOf(commandType).Skipped++;
        SkippedByReason[reason] = SkippedByReason.GetValueOrDefault(reason) + 1;
    }

    private WastTally TallyOf(string type)
    {
        if (!ByCommand.TryGetValue(type, out var tally)) ByCommand.Add(type, tally = new WastTally());
        return tally;
    }
}

/// <summary>The outcome of a run over one or more scripts.</summary>
internal sealed class WastRunSummary(IReadOnlyList<ScriptResult> scripts)
{
    public IReadOnlyList<ScriptResult> Scripts { get; } = scripts;

    public WastTally Totals => Sum(s => s.Totals);

    public SortedDictionary<string, WastTally> ByCommand
    {
        get
        {
            var all = new SortedDictionary<string, WastTally>(StringComparer.Ordinal);
            foreach (var (type, tally) in Scripts.SelectMany(s => s.ByCommand))
            {
                if (!all.TryGetValue(type, out var sum)) all.Add(type, sum = new WastTally());
                sum.Add(tally);
            }
            return all;
        }
    }

    public SortedDictionary<string, int> SkippedByReason
    {
        get
        {
            var all = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (reason, count) in Scripts.SelectMany(s => s.SkippedByReason))
                all[reason] = all.GetValueOrDefault(reason) + count;
            return all;
        }
    }

    public bool Succeeded => Scripts.All(s => s.Succeeded);

    private WastTally Sum(Func<ScriptResult, WastTally> select)
    {
        var sum = new WastTally();
        foreach (var s in Scripts) sum.Add(select(s));
        return sum;
    }
}
