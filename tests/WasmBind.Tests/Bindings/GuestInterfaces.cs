namespace WasmBind.Tests.Bindings;

// The binding generator runs over these in the build (the test project references it as an analyzer); the tests
// then drive the generated AddTo and Bind against the guests in Fixtures/bindings.

/// <summary>A byte-sized enum, to see enums cross as their underlying type.</summary>
public enum Shade : byte
{
    Light = 1,
    Dark = 200,
}

/// <summary>What guest.wat imports from module "host".</summary>
[WasmImports("host")]
public partial interface IGuestHost
{
    void Log(string message);

    string Decorate(string name);

    byte[] Transform(ReadOnlySpan<byte> data);

    int CallBack(int x);

    ValueTask<string> FetchAsync(string key);

    ValueTask SleepAsync();

    void Wide(string a, string b, string c, int n);
}

/// <summary>What guest.wat exports.</summary>
[WasmExports]
public partial interface IGuest
{
    int Add(int a, int b);

    string Greet(string name);

    byte[] Reverse(byte[] data);

    string GreetViaHost(string name);

    int TransformAndSum(ReadOnlyMemory<byte> data);

    int Roundtrip(int x);

    void LogName(string name);

    int PostCount();

    int LastPostArea();

    int AllocationCount();

    ValueTask<int> FetchLenAsync(string key, CancellationToken cancellationToken);

    Task<int> WaitAsync(CancellationToken cancellationToken);

    void CallWide();

    long Sum7(int a, int b, int c, int d, int e, int f, int g);
}

/// <summary>guest.wat's echoes, one export per .NET type.</summary>
[WasmExports]
public partial interface IEcho
{
    [WasmName("echo_bool")] bool EchoBool(bool value);

    [WasmName("echo_s8")] sbyte EchoSByte(sbyte value);

    [WasmName("echo_u8")] byte EchoByte(byte value);

    [WasmName("echo_s16")] short EchoInt16(short value);

    [WasmName("echo_u16")] ushort EchoUInt16(ushort value);

    [WasmName("echo_u32")] uint EchoUInt32(uint value);

    [WasmName("echo_color")] Shade EchoShade(Shade value);

    [WasmName("echo_s64")] long EchoInt64(long value);

    [WasmName("echo_u64")] ulong EchoUInt64(ulong value);

    [WasmName("echo_f32")] float EchoSingle(float value);

    [WasmName("echo_f64")] double EchoDouble(double value);

    /// <summary>Whether the guest received exactly 1: a lowered <c>true</c> must be 1, not just non-zero.</summary>
    bool IsOne(bool value);
}

/// <summary>What hostile.wat exports: every result and every call it makes is out of bounds in some way.</summary>
[WasmExports]
public partial interface IHostileGuest
{
    string BadString();

    string HugeLength();

    [WasmName("invalid_utf8")] string InvalidUtf8();

    string NegativePointer();

    string BadArea();

    string MisalignedArea();

    void TakeString(string value);

    void LogOutOfBounds();

    void DecorateBadArea();

    void DecorateBadAllocator();
}

/// <summary>An interface partial.wat does not implement.</summary>
[WasmExports]
public partial interface ISmallGuest
{
    int Add(int a, int b);

    string Greet(string name);
}
