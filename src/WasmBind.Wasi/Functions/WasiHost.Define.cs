using WasmBind.Wasi.FileSystem;

namespace WasmBind.Wasi.Functions;

// The single entry point of every WASI import that answers an errno: one overload per parameter count, since C# has no
// variadic generics. Each is a typed host function (slots straight to CLR values: no argument array, no boxing) whose
// body runs under one catch: a .NET exception from the host (I/O, permissions, a disposed stream, a throwing clock or
// random source, a bug of ours) becomes an errno for the guest instead of a trap. WasmExceptions (a deliberate trap, or
// WasiExitException from proc_exit) pass through, as they must.
internal sealed partial class WasiHost
{
    /// <summary>Defines the WASI import <paramref name="name"/> of 0 parameter(s) returning an errno; see the file comment.</summary>
    public void Define(Linker linker, string name, Func<Caller, int> body) =>
        linker.DefineFunction<int>(Module, name, (caller) =>
        {
            try
            {
                return body(caller);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 1 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1>(Linker linker, string name, Func<Caller, T1, int> body) =>
        linker.DefineFunction<T1, int>(Module, name, (caller, a1) =>
        {
            try
            {
                return body(caller, a1);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 2 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2>(Linker linker, string name, Func<Caller, T1, T2, int> body) =>
        linker.DefineFunction<T1, T2, int>(Module, name, (caller, a1, a2) =>
        {
            try
            {
                return body(caller, a1, a2);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 3 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3>(Linker linker, string name, Func<Caller, T1, T2, T3, int> body) =>
        linker.DefineFunction<T1, T2, T3, int>(Module, name, (caller, a1, a2, a3) =>
        {
            try
            {
                return body(caller, a1, a2, a3);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 4 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3, T4>(Linker linker, string name, Func<Caller, T1, T2, T3, T4, int> body) =>
        linker.DefineFunction<T1, T2, T3, T4, int>(Module, name, (caller, a1, a2, a3, a4) =>
        {
            try
            {
                return body(caller, a1, a2, a3, a4);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 5 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3, T4, T5>(Linker linker, string name, Func<Caller, T1, T2, T3, T4, T5, int> body) =>
        linker.DefineFunction<T1, T2, T3, T4, T5, int>(Module, name, (caller, a1, a2, a3, a4, a5) =>
        {
            try
            {
                return body(caller, a1, a2, a3, a4, a5);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 6 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3, T4, T5, T6>(Linker linker, string name, Func<Caller, T1, T2, T3, T4, T5, T6, int> body) =>
        linker.DefineFunction<T1, T2, T3, T4, T5, T6, int>(Module, name, (caller, a1, a2, a3, a4, a5, a6) =>
        {
            try
            {
                return body(caller, a1, a2, a3, a4, a5, a6);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 7 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3, T4, T5, T6, T7>(Linker linker, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, int> body) =>
        linker.DefineFunction<T1, T2, T3, T4, T5, T6, T7, int>(Module, name, (caller, a1, a2, a3, a4, a5, a6, a7) =>
        {
            try
            {
                return body(caller, a1, a2, a3, a4, a5, a6, a7);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 8 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3, T4, T5, T6, T7, T8>(Linker linker, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, int> body) =>
        linker.DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, int>(Module, name, (caller, a1, a2, a3, a4, a5, a6, a7, a8) =>
        {
            try
            {
                return body(caller, a1, a2, a3, a4, a5, a6, a7, a8);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

    /// <summary>Defines the WASI import <paramref name="name"/> of 9 parameter(s) returning an errno; see the file comment.</summary>
    public void Define<T1, T2, T3, T4, T5, T6, T7, T8, T9>(Linker linker, string name, Func<Caller, T1, T2, T3, T4, T5, T6, T7, T8, T9, int> body) =>
        linker.DefineFunction<T1, T2, T3, T4, T5, T6, T7, T8, T9, int>(Module, name, (caller, a1, a2, a3, a4, a5, a6, a7, a8, a9) =>
        {
            try
            {
                return body(caller, a1, a2, a3, a4, a5, a6, a7, a8, a9);
            }
            catch (Exception e) when (HostErrors.IsHostFailure(e))
            {
                return (int)HostErrors.ToErrno(e);
            }
        });

}
