using Xunit;

namespace WasmBind.Tests.LinearMemory;

/// <summary>
/// Runs the linear-memory tests one at a time: some allocate gigabytes of (lazily mapped) memory or watch the
/// process-wide count of unmanaged bytes, which other tests of this collection would disturb.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LinearMemoryCollection
{
    public const string Name = "Linear memory";
}
