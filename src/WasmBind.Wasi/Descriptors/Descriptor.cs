using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Descriptors;

/// <summary>An open file descriptor: what it is, the rights the guest holds on it, and its flags.</summary>
internal abstract class Descriptor : IDisposable
{
    protected Descriptor(Rights rightsBase, Rights rightsInheriting)
    {
        RightsBase = rightsBase;
        RightsInheriting = rightsInheriting;
    }

    public abstract FileType FileType { get; }

    public Rights RightsBase { get; set; }

    public Rights RightsInheriting { get; set; }

    public FdFlags Flags { get; set; }

    /// <summary><see cref="Errno.Success"/> if every right in <paramref name="required"/> is held, else <see cref="Errno.Notcapable"/>.</summary>
    public Errno Require(Rights required) => (RightsBase & required) == required ? Errno.Success : Errno.Notcapable;

    public virtual void Dispose() { }
}
