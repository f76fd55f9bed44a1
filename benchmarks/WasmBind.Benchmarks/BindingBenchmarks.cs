using System.Text;
using BenchmarkDotNet.Attributes;

namespace WasmBind.Benchmarks;

/// <summary>The guest <see cref="BindingBenchmarks"/> binds (the generator writes <c>Bind</c> in the build).</summary>
[WasmExports]
public partial interface IBenchmarkGuest
{
    /// <summary>add: (param i32 i32) (result i32).</summary>
    int Add(int a, int b);

    /// <summary>greet: (param i32 i32) (result i32), a pointer to the (ptr, len) of "Hello, " + name.</summary>
    string Greet(string name);
}

/// <summary>
/// A call through a generated binding (<see cref="IBenchmarkGuest.Bind"/>) against the same call made by hand: through
/// the untyped API (<see cref="Function.Invoke(ReadOnlySpan{Value})"/>), and through typed functions. For an int the
/// binding should cost what a typed call costs and allocate nothing; for a string, it allocates only the result.
/// </summary>
[MemoryDiagnoser]
public class BindingBenchmarks
{
    /// <summary>
    /// The guest, built by wat2wasm from this text (kept here so that this file is the whole benchmark):
    /// <code>
    /// (module
    ///   (memory (export "memory") 1)
    ///   (data (i32.const 16) "Hello, ")
    ///   (global $heap (mut i32) (i32.const 4096))
    ///   (func $cabi_realloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    ///     (local $ptr i32)
    ///     (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
    ///                              (i32.sub (i32.const 0) (local.get $align))))
    ///     (global.set $heap (i32.add (local.get $ptr) (local.get $new_size)))
    ///     (local.get $ptr))
    ///   (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    ///   (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
    ///     (local $out i32)
    ///     (local.set $out (call $cabi_realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 7))))
    ///     (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
    ///     (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
    ///     (i32.store (i32.const 1024) (local.get $out))
    ///     (i32.store (i32.const 1028) (i32.add (local.get $len) (i32.const 7)))
    ///     (i32.const 1024))
    ///   (func (export "cabi_post_greet") (param i32) (global.set $heap (i32.const 4096))))
    /// </code>
    /// cabi_post_greet resets the bump allocator, so memory does not grow however many calls run.
    /// </summary>
    private static readonly byte[] GuestModule =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x13, 0x03, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x01,
        0x7f, 0x60, 0x01, 0x7f, 0x00, 0x03, 0x05, 0x04, 0x00, 0x01, 0x01, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x06, 0x07, 0x01, 0x7f, 0x01, 0x41, 0x80,
        0x20, 0x0b, 0x07, 0x39, 0x05, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x0c, 0x63, 0x61, 0x62, 0x69, 0x5f, 0x72, 0x65, 0x61, 0x6c,
        0x6c, 0x6f, 0x63, 0x00, 0x00, 0x03, 0x61, 0x64, 0x64, 0x00, 0x01, 0x05, 0x67, 0x72, 0x65, 0x65, 0x74, 0x00, 0x02, 0x0f, 0x63, 0x61, 0x62, 0x69,
        0x5f, 0x70, 0x6f, 0x73, 0x74, 0x5f, 0x67, 0x72, 0x65, 0x65, 0x74, 0x00, 0x03, 0x0a, 0x70, 0x04, 0x1d, 0x01, 0x01, 0x7f, 0x23, 0x00, 0x20, 0x02,
        0x41, 0x01, 0x6b, 0x6a, 0x41, 0x00, 0x20, 0x02, 0x6b, 0x71, 0x21, 0x04, 0x20, 0x04, 0x20, 0x03, 0x6a, 0x24, 0x00, 0x20, 0x04, 0x0b, 0x07, 0x00,
        0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, 0x40, 0x01, 0x01, 0x7f, 0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0x20, 0x01, 0x41, 0x07, 0x6a, 0x10, 0x00, 0x21,
        0x02, 0x20, 0x02, 0x41, 0x10, 0x41, 0x07, 0xfc, 0x0a, 0x00, 0x00, 0x20, 0x02, 0x41, 0x07, 0x6a, 0x20, 0x00, 0x20, 0x01, 0xfc, 0x0a, 0x00, 0x00,
        0x41, 0x80, 0x08, 0x20, 0x02, 0x36, 0x02, 0x00, 0x41, 0x84, 0x08, 0x20, 0x01, 0x41, 0x07, 0x6a, 0x36, 0x02, 0x00, 0x41, 0x80, 0x08, 0x0b, 0x07,
        0x00, 0x41, 0x80, 0x20, 0x24, 0x00, 0x0b, 0x0b, 0x0d, 0x01, 0x00, 0x41, 0x10, 0x0b, 0x07, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x2c, 0x20,
    ];

    private const string Name = "world";
    private readonly Value[] addArguments = [Value.I32(20), Value.I32(22)];

    private IBenchmarkGuest bound = null!;
    private Function add = null!;
    private Function greet = null!;
    private Function allocator = null!;
    private Function postGreet = null!;
    private Memory memory = null!;
    private TypedFunc<int, int, int> typedAdd = null!;
    private TypedFunc<int, int, int> typedGreet = null!;
    private TypedFunc<int, int, int, int, int> typedAllocator = null!;
    private TypedAction<int> typedPostGreet = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, GuestModule));
        bound = IBenchmarkGuest.Bind(instance);
        add = instance.GetFunction("add")!;
        greet = instance.GetFunction("greet")!;
        allocator = instance.GetFunction("cabi_realloc")!;
        postGreet = instance.GetFunction("cabi_post_greet")!;
        memory = instance.GetMemory("memory")!;
        typedAdd = instance.GetFunction<int, int, int>("add");
        typedGreet = instance.GetFunction<int, int, int>("greet");
        typedAllocator = instance.GetFunction<int, int, int, int, int>("cabi_realloc");
        typedPostGreet = instance.GetAction<int>("cabi_post_greet");

        if (Add_Bound() != 42 || Add_ByHandUntyped() != 42 || Add_ByHandTyped() != 42)
            throw new InvalidOperationException("add gave a wrong answer.");
        if (Greet_Bound() != "Hello, world" || Greet_ByHandUntyped() != "Hello, world" || Greet_ByHandTyped() != "Hello, world")
            throw new InvalidOperationException("greet gave a wrong answer.");
    }

    // ---- int ----

    /// <summary><c>IBenchmarkGuest.Add</c>: the generated proxy's cached <see cref="TypedFunc{T1, T2, TResult}"/>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("int")]
    public int Add_Bound() => bound.Add(20, 22);

    /// <summary>The same call through the untyped API: values boxed in <see cref="Value"/>s, a results array per call.</summary>
    [Benchmark]
    [BenchmarkCategory("int")]
    public int Add_ByHandUntyped() => add.Invoke(addArguments)[0].AsInt32();

    /// <summary>The same call through a typed function made once by hand: what the binding should cost.</summary>
    [Benchmark]
    [BenchmarkCategory("int")]
    public int Add_ByHandTyped() => typedAdd.Call(20, 22);

    // ---- string ----

    /// <summary><c>IBenchmarkGuest.Greet</c>: lower through cabi_realloc, call, lift from the return area, cabi_post_greet.</summary>
    [Benchmark]
    [BenchmarkCategory("string")]
    public string Greet_Bound() => bound.Greet(Name);

    /// <summary>The same Canonical ABI steps by hand through the untyped API.</summary>
    [Benchmark]
    [BenchmarkCategory("string")]
    public string Greet_ByHandUntyped()
    {
        var length = Encoding.UTF8.GetByteCount(Name);
        var pointer = allocator.Invoke(Value.I32(0), Value.I32(0), Value.I32(1), Value.I32(length))[0].AsInt32();
        Encoding.UTF8.GetBytes(Name, memory.GetSpan(pointer, length));
        var area = greet.Invoke(Value.I32(pointer), Value.I32(length))[0].AsInt32();
        var result = memory.ReadString(memory.ReadInt32(area), memory.ReadInt32(area + 4));
        postGreet.Invoke(Value.I32(area));
        return result;
    }

    /// <summary>The same steps by hand through typed functions (and no bounds checks beyond <see cref="Memory"/>'s own).</summary>
    [Benchmark]
    [BenchmarkCategory("string")]
    public string Greet_ByHandTyped()
    {
        var length = Encoding.UTF8.GetByteCount(Name);
        var pointer = typedAllocator.Call(0, 0, 1, length);
        Encoding.UTF8.GetBytes(Name, memory.GetSpan(pointer, length));
        var area = typedGreet.Call(pointer, length);
        var result = memory.ReadString(memory.ReadInt32(area), memory.ReadInt32(area + 4));
        typedPostGreet.Call(area);
        return result;
    }
}
