using System.Reflection.PortableExecutable;

namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>Whether a managed assembly carries ReadyToRun (precompiled) code: its CLI header points at a ReadyToRun header.</summary>
internal static class ReadyToRun
{
    public static bool IsPrecompiled(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
