using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests;

/// <summary>The wrong and right examples of the docs pages behave as the pages say.</summary>
public class DocExampleTests
{
    [Fact]
    public Task WB1001_wrong() => CSharpAnalyzerVerifier<StoreUsedAcrossThreadsAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            async Task M(Instance instance)
            {
                var fib = instance.GetFunction<int, int>("fib");
                var background = Task.Run(() => [|fib|].Call(30));
                var quick = fib.Call(5);
                await background;
            }
        }
        """);

    [Fact]
    public Task WB1001_right() => CSharpAnalyzerVerifier<StoreUsedAcrossThreadsAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            async Task<int[]> PerTask(Engine engine, Linker linker, Module module, int[] inputs)
            {
                var pre = linker.InstantiatePre(module);
                var tasks = inputs.Select(n => Task.Run(() =>
                {
                    var store = new Store(engine);
                    return pre.Instantiate(store).GetFunction<int, int>("fib").Call(n);
                }));
                return await Task.WhenAll(tasks);
            }

            async Task<int> HandOff(TypedFunc<int, int> fib)
            {
                var slow = await Task.Run(() => fib.Call(30));
                var quick = fib.Call(5);
                return slow + quick;
            }
        }
        """);

    [Fact]
    public Task WB1004_wrong_and_right() => CSharpAnalyzerVerifier<BlockingWaitAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            void Wrong(Linker linker, Func<int, Task<int>> get) => linker.DefineAsyncFunction("env", "fetch", async (Caller caller, int key) =>
            {
                [|Thread.Sleep(10)|];
                await Task.Yield();
                return [|get(key).Result|];
            });

            int Run(TypedFunc<int, int> f) => [|f.CallAsync(1).Result|];

            void Right(Linker linker, Func<int, Task<int>> get) => linker.DefineAsyncFunction("env", "fetch", async (Caller caller, int key) =>
            {
                await Task.Delay(10);
                return await get(key);
            });

            async Task<int> RunAsync(TypedFunc<int, int> f) => await f.CallAsync(1);
        }
        """);

    [Fact]
    public Task WB1005_wrong_and_right() => CSharpAnalyzerVerifier<MemorySpanHeldAcrossGrowthAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            void Wrong(Linker linker) => linker.DefineFunction("env", "echo", (Caller caller, int address, int length) =>
            {
                var memory = caller.GetMemory()!;
                var input = memory.GetSpan(address, length);
                var copy = caller.GetFunction("cabi_realloc")!.AsFunc<int, int, int, int, int>().Call(0, 0, 1, length);
                [|input|].CopyTo(memory.GetSpan(copy, length));
            });

            void Right(Linker linker) => linker.DefineFunction("env", "echo2", (Caller caller, int address, int length) =>
            {
                var memory = caller.GetMemory()!;
                var copy = caller.GetFunction("cabi_realloc")!.AsFunc<int, int, int, int, int>().Call(0, 0, 1, length);
                memory.GetSpan(address, length).CopyTo(memory.GetSpan(copy, length));
            });
        }
        """);

    [Fact]
    public Task WB1006_wrong_and_right() => CSharpAnalyzerVerifier<CallerEscapesAnalyzer>.VerifyAnalyzerAsync("""
        class C
        {
            void Wrong(Linker linker, Action<string> log) => linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
            {
                _ = Task.Run(() => log([|caller|].GetMemory()!.ReadString(address, length)));
            });

            void Right(Linker linker, Action<string> log) => linker.DefineFunction("env", "log2", (Caller caller, int address, int length) =>
            {
                var text = caller.GetMemory()!.ReadString(address, length);
                _ = Task.Run(() => log(text));
            });
        }
        """);
}
