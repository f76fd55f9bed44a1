using System.Security.Cryptography;

namespace WasmBind.Wasi;

/// <summary>The default source: the operating system's cryptographically secure generator, as the witx asks ("high-quality").</summary>
public sealed class SystemWasiRandom : IWasiRandom
{
    /// <summary>The shared instance (it has no state).</summary>
    public static SystemWasiRandom Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
