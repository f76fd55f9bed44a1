using Xunit;

namespace WasmBind.Tests.Api;

/// <summary>
/// The typed host-function and call overloads reach ten parameters (scripts/generate-arities.py, MAX_ARITY), enough for
/// every WASI preview 1 import (path_open has nine): arguments arrive in order, results come back, sync and async.
/// </summary>
public sealed class TypedArityTests
{
    private readonly Engine engine = new();

    private static double Mix(int a, long b, float c, double d, int e, long f, int g, long h, float i, double j) =>
        a + b * 10 + c * 100 + d * 1000 + e * 10_000 + f * 100_000 + g * 1e6 + h * 1e7 + i * 1e8 + j * 1e9;

    [Fact]
    public void Ten_parameters_arrive_in_order_through_typed_host_functions_and_typed_calls()
    {
        var store = new Store(engine);
        (int, long, float, double, int, long, int, long, float, double) sunk = default;
        Caller? caller = null;
        var instance = new Linker(engine)
            .DefineFunction("host", "mix", (int a, long b, float c, double d, int e, long f, int g, long h, float i, double j) => Mix(a, b, c, d, e, f, g, h, i, j))
            .DefineFunction("host", "sink", (Caller x, int a, long b, float c, double d, int e, long f, int g, long h, float i, double j) =>
            {
                caller = x;
                sunk = (a, b, c, d, e, f, g, h, i, j);
            })
            .Instantiate(store, Wat.Load(engine, "host_arity10"));

        var mix = instance.GetFunction<int, long, float, double, int, long, int, long, float, double, double>("mix");
        Assert.Equal(9_876_543_210.0, mix.Call(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        instance.GetAction<int, long, float, double, int, long, int, long, float, double>("sink")
            .Call(-1, long.MinValue, 0.5f, 0.25, int.MaxValue, long.MaxValue, -7, 1L << 40, -1.5f, Math.PI);
        Assert.Equal((-1, long.MinValue, 0.5f, 0.25, int.MaxValue, long.MaxValue, -7, 1L << 40, -1.5f, Math.PI), sunk);
        Assert.Same(instance, caller!.Value.Instance);
    }

    [Fact]
    public async Task Ten_parameters_work_for_async_host_functions_and_CallAsync()
    {
        var store = new Store(engine);
        var instance = await new Linker(engine)
            .DefineAsyncFunction("host", "mix", async (int a, long b, float c, double d, int e, long f, int g, long h, float i, double j) =>
            {
                await Task.Yield(); // really pending: the call suspends and resumes
                return Mix(a, b, c, d, e, f, g, h, i, j);
            })
            .DefineFunction("host", "sink", (int a, long b, float c, double d, int e, long f, int g, long h, float i, double j) => { })
            .InstantiateAsync(store, Wat.Load(engine, "host_arity10"));

        var mix = instance.GetFunction<int, long, float, double, int, long, int, long, float, double, double>("mix");
        Assert.Equal(9_876_543_210.0, await mix.CallAsync(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    [Fact]
    public void Ten_parameters_work_through_Linker_of_TData()
    {
        var store = new Store<string>(engine, "data");
        string? seen = null;
        var instance = new Linker<string>(engine)
            .DefineFunction("host", "mix", (Caller<string> c, int a, long b, float x, double d, int e, long f, int g, long h, float i, double j) =>
            {
                seen = c.Data;
                return Mix(a, b, x, d, e, f, g, h, i, j);
            })
            .DefineFunction("host", "sink", (Caller<string> c, int a, long b, float x, double d, int e, long f, int g, long h, float i, double j) => { })
            .Instantiate(store, Wat.Load(engine, "host_arity10"));

        Assert.Equal(9_876_543_210.0, instance.GetFunction<int, long, float, double, int, long, int, long, float, double, double>("mix").Call(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Assert.Equal("data", seen);
    }
}
