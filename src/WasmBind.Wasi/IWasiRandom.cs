namespace WasmBind.Wasi;

/// <summary>The source of <c>random_get</c>. Replace it (<see cref="WasiConfig.WithRandom(IWasiRandom)"/>) for reproducible runs.</summary>
public interface IWasiRandom
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    void Fill(Span<byte> buffer);
}

/// <summary>Adapts a <see cref="System.Random"/>, e.g. a seeded one for deterministic tests. Not for production secrets.</summary>
internal sealed class RandomAdapter(Random random) : IWasiRandom
{
    public void Fill(Span<byte> buffer) => random.NextBytes(buffer);
}
