using System.Runtime.CompilerServices;

namespace WasmBind.Jit;

// Fixed-size call buffers, declared as IL locals of compiled functions. A localloc'd buffer would cost every call of
// the function a stack-cookie check and a zeroing loop; a struct local costs neither. Larger calls use localloc.

/// <summary>A call buffer of 4 slots.</summary>
[InlineArray(4)]
internal struct CallBuffer4
{
    private ulong element;
}

/// <summary>A call buffer of 16 slots.</summary>
[InlineArray(16)]
internal struct CallBuffer16
{
    private ulong element;
}

/// <summary>A call buffer of 64 slots.</summary>
[InlineArray(64)]
internal struct CallBuffer64
{
    private ulong element;
}
