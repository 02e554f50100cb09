namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>A test of the Native AOT build: skipped, saying what to install, on a machine without a linker for it.</summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        if (NativeAotToolchain.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
