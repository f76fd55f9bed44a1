using WasmBind.Analyzers.Rules;
using WasmBind.Analyzers.Tests.Verifiers;
using Xunit;

namespace WasmBind.Analyzers.Tests.Rules;

/// <summary>
/// The binding rules come from the generator's model builder; these tests check that the analyzer reports them at the
/// same places without running the generator (the generator's own tests cover every condition in detail).
/// </summary>
public class WB2xxxBindingInterfaceTests
{
    private static Task Verify(string markup) => CSharpAnalyzerVerifier<BindingInterfaceAnalyzer>.VerifyAnalyzerAsync(markup);

    // ---- reported ----

    [Fact]
    public Task Interface_that_is_not_partial() => Verify("""
        [WasmImports("env")]
        public interface {|WB2001:IHostLog|}
        {
            void Log(string message);
        }
        """);

    [Fact]
    public Task Unsupported_parameter_type() => Verify("""
        [WasmImports("env")]
        public partial interface IHost
        {
            void Log({|WB2002:System.DateTime|} when);
        }
        """);

    [Fact]
    public Task Two_members_with_one_wasm_name() => Verify("""
        [WasmExports]
        public partial interface IGuest
        {
            int Add(int a, int b);
            [WasmName({|WB2004:"add"|})] int Plus(int a, int b);
        }
        """);

    // ---- not reported ----

    [Fact]
    public Task A_bindable_import_interface() => Verify("""
        [WasmImports("env")]
        public partial interface IHostLog
        {
            void Log(string message);
            System.Threading.Tasks.ValueTask<int> FetchAsync(System.ReadOnlyMemory<byte> key);
        }
        """);

    [Fact]
    public Task A_bindable_export_interface() => Verify("""
        [WasmExports]
        public partial interface IGreeter
        {
            int Add(int a, int b);
            string Greet(string name);
            [WasmName("compute-hash")] long Hash(byte[] data);
        }
        """);

    [Fact]
    public Task An_interface_without_binding_attributes() => Verify("""
        public interface IPlain
        {
            void Log(System.DateTime when);
        }
        """);
}
