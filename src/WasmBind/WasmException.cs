namespace WasmBind;

/// <summary>The base of every exception WasmBind raises for a problem with a module, a link or an execution.</summary>
public class WasmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner cause.</summary>
    public WasmException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// A module's bytes do not follow the binary format, or its text does not follow the text format (spec: "malformed").
/// Text errors are the subclass <see cref="Text.MalformedTextException"/>, which adds the line, column and token.
/// </summary>
public class MalformedModuleException : WasmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Byte offset in the module where decoding failed.</param>
    /// <param name="reason">What was wrong, in the spec's words where it has them.</param>
    public MalformedModuleException(long offset, string reason)
        : base($"malformed module at offset 0x{offset:x}: {reason}")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message of the subclass's own form.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="offset">Where decoding failed: a byte offset, or for text a character offset.</param>
    /// <param name="reason">What was wrong.</param>
    protected MalformedModuleException(string message, long offset, string reason)
        : base(message)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset in the module where decoding failed (for text: the character offset in the text).</summary>
    public long Offset { get; }

    /// <summary>What was wrong.</summary>
    public string Reason { get; }
}

/// <summary>A well-formed module fails validation (spec: "invalid").</summary>
public sealed class InvalidModuleException : WasmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Byte offset in the module of the offending construct.</param>
    /// <param name="reason">What was wrong.</param>
    /// <param name="functionIndex">The function whose body is invalid, if the problem is in a body.</param>
    public InvalidModuleException(long offset, string reason, int? functionIndex = null)
        : base(functionIndex is { } f
            ? $"invalid module: function {f} at offset 0x{offset:x}: {reason}"
            : $"invalid module at offset 0x{offset:x}: {reason}")
    {
        Offset = offset;
        Reason = reason;
        FunctionIndex = functionIndex;
    }

    /// <summary>Byte offset in the module of the offending construct.</summary>
    public long Offset { get; }

    /// <summary>What was wrong.</summary>
    public string Reason { get; }

    /// <summary>The index (in the function index space) of the function whose body is invalid, if any.</summary>
    public int? FunctionIndex { get; }
}

/// <summary>Instantiation failed because an import is missing or does not match what the module expects.</summary>
public sealed class LinkException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public LinkException(string message, string? importModule = null, string? importName = null)
        : base(message)
    {
        ImportModule = importModule;
        ImportName = importName;
    }

    /// <summary>The module name of the offending import, if one is to blame.</summary>
    public string? ImportModule { get; }

    /// <summary>The item name of the offending import, if one is to blame.</summary>
    public string? ImportName { get; }
}
