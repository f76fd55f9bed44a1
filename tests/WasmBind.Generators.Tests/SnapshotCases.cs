namespace WasmBind.Generators.Tests;

/// <summary>Representative binding interfaces whose generated code is checked in under Snapshots/.</summary>
internal static class SnapshotCases
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        // Imports: strings, bytes, primitives, an enum, a bool; results by value and through a return pointer.
        ["HostImports"] = """
            using System;
            using WasmBind;

            namespace Demo;

            public enum Level : byte { Debug, Info, Warning }

            [WasmImports("env")]
            public partial interface IHostLog
            {
                void Log(Level level, string message);
                int Add(int a, int b);
                long Scale(uint value, double factor);
                bool IsEnabled(Level level);
                string GetUserName(ulong id);
                byte[] Hash(ReadOnlySpan<byte> data);
                ReadOnlyMemory<byte> Compress(byte[] data);
                void Tick();
            }
            """,

        // Async imports: ValueTask and Task forms, with and without results, with a string result through the allocator.
        ["AsyncImports"] = """
            using System;
            using System.Threading.Tasks;
            using WasmBind;

            namespace Demo;

            [WasmImports("host", Allocator = "my_alloc", Memory = "mem")]
            public partial interface IAsyncHost
            {
                ValueTask<int> FetchAsync(ReadOnlyMemory<byte> key);
                ValueTask<string> LookupAsync(string key);
                Task<bool> CheckAsync(short code);
                Task FlushAsync();
                ValueTask DelayAsync(int milliseconds);
                Task<byte[]> ReadAsync(string path);
            }
            """,

        // Exports: a string result, a byte[] result, [WasmName], an enum, bytes in every form.
        ["GreeterExports"] = """
            using System;
            using WasmBind;

            namespace Demo;

            public enum Mood { Calm, Angry = -1 }

            [WasmExports]
            public partial interface IGreeter
            {
                int Add(int a, int b);
                string Greet(string name);
                [WasmName("compute-hash")] long Hash(ReadOnlySpan<byte> data);
                byte[] Reverse(byte[] data);
                ReadOnlyMemory<byte> Pack(ReadOnlyMemory<byte> data, bool compress);
                Mood GetMood(sbyte level, ushort flags);
                void Reset();
                float Average(float a, float b);
            }
            """,

        // Async exports: CallAsync with a CancellationToken; results lifted after completion.
        ["AsyncExports"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using WasmBind;

            namespace Demo;

            [WasmExports]
            public partial interface IWorker
            {
                ValueTask<int> SlowAsync(int x, CancellationToken cancellationToken);
                Task<string> DescribeAsync(string topic, CancellationToken cancellationToken);
                ValueTask<bool> IsReadyAsync();
                Task RunAsync(CancellationToken cancellationToken);
                ValueTask<byte[]> LoadAsync(string key);
            }
            """,

        // Seven to ten core parameters: the typed API (up to MaxTypedArity); more: the untyped API on both sides;
        // multi-value arguments.
        ["WideSignatures"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using WasmBind;

            namespace Demo;

            [WasmImports("env")]
            public partial interface IWideHost
            {
                void Record(string a, string b, string c, int n);
                ValueTask<long> SumAsync(string a, string b, string c, long n);
                void RecordMany(string a, string b, string c, string d, string e, int n);
                ValueTask<long> SumManyAsync(string a, string b, string c, string d, string e, long n);
            }

            [WasmExports]
            public partial interface IWideGuest
            {
                long Sum7(int a, int b, int c, int d, int e, int f, int g);
                long Sum11(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k);
                string Join(string a, string b, string c, string separator);
                ValueTask<int> CountAsync(string a, string b, string c, int d, CancellationToken cancellationToken);
            }
            """,

        // A nested interface, one in the global namespace, and names that need care (keywords, clashes with generated names).
        ["NestedAndGlobal"] = """
            using WasmBind;

            public static partial class Plugins
            {
                public partial class Inner
                {
                    [WasmExports(Allocator = "alloc")]
                    public partial interface INested
                    {
                        int Memory(int memory, int result);
                        string Echo(string @class, int allocator);
                    }
                }
            }

            [WasmImports("global")]
            internal partial interface IGlobalHost
            {
                int Implementation(int implementation, int caller);
                string Linker(string memory);
                void GetHTTPStatus();
            }
            """,
    };
}
