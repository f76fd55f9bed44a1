namespace WasmBind;

/// <summary>Why WebAssembly execution trapped.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction ran.</summary>
    Unreachable,
    /// <summary>A memory access was out of bounds.</summary>
    MemoryOutOfBounds,
    /// <summary>A table access (<c>table.get</c>, <c>table.set</c>, bulk table operations) was out of bounds.</summary>
    TableOutOfBounds,
    /// <summary>A <c>call_indirect</c> index was outside the table.</summary>
    UndefinedElement,
    /// <summary>A <c>call_indirect</c> hit a null table element.</summary>
    UninitializedElement,
    /// <summary>A <c>call_indirect</c> found a function of another type.</summary>
    IndirectCallTypeMismatch,
    /// <summary>A null reference was dereferenced.</summary>
    NullReference,
    /// <summary>Integer division by zero.</summary>
    IntegerDivideByZero,
    /// <summary>Signed integer division overflowed (<c>INT_MIN / -1</c>).</summary>
    IntegerOverflow,
    /// <summary>A float-to-int conversion got NaN or a value out of the target's range.</summary>
    BadConversionToInteger,
    /// <summary>The call stack or value stack limit was exceeded.</summary>
    CallStackExhausted,
    /// <summary>The store ran out of fuel.</summary>
    OutOfFuel,
    /// <summary>The epoch deadline passed, or the call was interrupted.</summary>
    Interrupted,
    /// <summary>A memory or table could not grow, and the store's limits say to trap (<see cref="StoreLimits.TrapOnGrowFailure"/>).</summary>
    ResourceLimitExceeded,
    /// <summary>A host function threw; see <see cref="Exception.InnerException"/>.</summary>
    HostError,
    /// <summary>
    /// A value the guest passed across a typed binding breaks the Canonical ABI's rules: a string that is not valid
    /// UTF-8, a <c>char</c> that is not a Unicode scalar value (a surrogate, or above U+10FFFF), an option discriminant
    /// other than 0 or 1.
    /// </summary>
    InvalidCanonicalValue,
    /// <summary>An atomic memory access (threads proposal) used an address that is not a multiple of its size.</summary>
    UnalignedAtomic,
    /// <summary><c>memory.atomic.wait32</c>/<c>wait64</c> on a memory that is not shared: nothing could ever wake it.</summary>
    ExpectedSharedMemory,
}
