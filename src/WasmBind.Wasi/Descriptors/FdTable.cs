using System.Diagnostics.CodeAnalysis;
using WasmBind.Wasi.Abi;

namespace WasmBind.Wasi.Descriptors;

/// <summary>
/// The guest's file descriptors. New descriptors take the lowest free number (deterministic runs; the witx allows any
/// number below 2^31), and the table is bounded so a guest cannot exhaust host memory by opening files in a loop.
/// </summary>
/// <remarks>Every method locks the table: the threads of a wasi-threads program share one context.</remarks>
internal sealed class FdTable : IDisposable
{
    /// <summary>The most descriptors a guest may hold at once; past it <c>path_open</c> answers <see cref="Errno.Nfile"/>.</summary>
    public const int MaxDescriptors = 16 * 1024;

    private readonly List<Descriptor?> slots = [];

    public bool TryGet(uint fd, [NotNullWhen(true)] out Descriptor? descriptor)
    {
        lock (slots) descriptor = fd < (uint)slots.Count ? slots[(int)fd] : null;
        return descriptor is not null;
    }

    /// <summary>The descriptor if it is open and a <typeparamref name="T"/>; otherwise the errno to answer.</summary>
    /// <param name="fd">The guest's descriptor number.</param>
    /// <param name="descriptor">The descriptor found.</param>
    /// <param name="wrongKind">The answer for an open descriptor of another kind (e.g. <see cref="Errno.Notdir"/>).</param>
    /// <remarks><paramref name="descriptor"/> is null unless the answer is <see cref="Errno.Success"/>.</remarks>
    public Errno Get<T>(uint fd, out T descriptor, Errno wrongKind = Errno.Badf) where T : Descriptor
    {
        descriptor = null!;
        if (!TryGet(fd, out var any)) return Errno.Badf;
        if (any is not T typed) return wrongKind;
        descriptor = typed;
        return Errno.Success;
    }

    public Errno Add(Descriptor descriptor, out uint fd)
    {
        lock (slots) return AddLocked(descriptor, out fd);
    }

    private Errno AddLocked(Descriptor descriptor, out uint fd)
    {
        var free = slots.IndexOf(null);
        if (free < 0)
        {
            if (slots.Count >= MaxDescriptors)
            {
                fd = 0;
                return Errno.Nfile;
            }
            free = slots.Count;
            slots.Add(null);
        }
        slots[free] = descriptor;
        fd = (uint)free;
        return Errno.Success;
    }

    public Errno Close(uint fd)
    {
        Descriptor? descriptor;
        lock (slots)
        {
            if (!TryGet(fd, out descriptor)) return Errno.Badf;
            slots[(int)fd] = null;
        }
        descriptor.Dispose();
        return Errno.Success;
    }

    /// <summary><c>fd_renumber</c>: <paramref name="from"/> takes number <paramref name="to"/>, closing what was there. Both must be open.</summary>
    public Errno Renumber(uint from, uint to)
    {
        Descriptor? replaced;
        lock (slots)
        {
            if (!TryGet(from, out var moving) || !TryGet(to, out replaced)) return Errno.Badf;
            if (from == to) return Errno.Success;
            slots[(int)to] = moving;
            slots[(int)from] = null;
        }
        replaced.Dispose();
        return Errno.Success;
    }

    public void Dispose()
    {
        lock (slots)
        {
            for (var i = 0; i < slots.Count; i++)
            {
                slots[i]?.Dispose();
                slots[i] = null;
            }
        }
    }
}
