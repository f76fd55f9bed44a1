// A resumable call: when a host function fails, or fuel runs out, the guest's call is suspended instead of trapping.
// The host does what it must (asks a user, refills fuel), then resumes the call exactly where it stopped.
using WasmBind;

var engine = new Engine(new EngineConfig { ConsumeFuel = true });
var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "modules", "questions.wasm"));
var linker = new Linker(engine);
// The host cannot answer on the spot: it says so by throwing, which suspends a resumable call.
linker.DefineFunction<int, int>("host", "ask", question => throw new AnswerNeeded(question));

var store = new Store(engine) { Fuel = 5_000 };
var sumAnswers = linker.Instantiate(store, module).GetFunction("sum_answers")!;

var result = sumAnswers.CallResumable(Value.I32(3));
while (!result.IsFinished)
{
    var call = result.Call!;
    if (call.Reason == ResumableCallReason.HostError && call.HostError is AnswerNeeded needed)
    {
        var answer = (needed.Question + 1) * 10;            // e.g. read from a user or a queue, at the host's pace
        Console.WriteLine($"question {needed.Question}: answered {answer}");
        result = call.Resume(Value.I32(answer));
    }
    else if (call.Reason == ResumableCallReason.OutOfFuel)
    {
        Console.WriteLine("out of fuel: adding 5000 and resuming");
        store.Fuel = 5_000;
        result = call.Resume();
    }
    else
    {
        call.Abandon();                                      // leaves the store usable
        throw new InvalidOperationException("unexpected suspension", call.HostError);
    }
}
Console.WriteLine($"sum of the answers: {result.Results![0]}");

/// <summary>Thrown by host.ask: the answer to this question is not known yet.</summary>
internal sealed class AnswerNeeded(int question) : Exception($"question {question} needs an answer")
{
    public int Question { get; } = question;
}
