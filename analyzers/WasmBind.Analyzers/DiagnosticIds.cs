namespace WasmBind.Analyzers;

/// <summary>
/// Every diagnostic id this assembly reports. Constants, so code fixes and tests name them without a descriptor, and
/// so release tracking (RS2008) can see them. Ranges: WB1xxx runtime misuse (here), WB2xxx binding interfaces (the
/// generator's model, compiled into this assembly).
/// </summary>
public static class DiagnosticIds
{
    public const string StoreUsedAcrossThreads = "WB1001";
    public const string StoreInStaticField = "WB1002";
    public const string SyncCallInAsyncCode = "WB1003";
    public const string BlockingWaitOnAsyncPath = "WB1004";
    public const string MemorySpanHeldAcrossGrowth = "WB1005";
    public const string CallerEscapes = "WB1006";
}
