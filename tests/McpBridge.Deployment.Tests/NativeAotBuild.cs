using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>
/// <c>make publish</c>, once for the test class: the gateway as one Native AOT executable in
/// artifacts/publish/gateway-aot. An up-to-date build is found, not compiled again.
/// </summary>
public sealed class NativeAotBuild
{
    public NativeAotBuild()
    {
        if (NativeAotToolchain.Missing is { } missing)
        {
            Publish = new ToolResult(-1, "", missing);
            return;
        }

        try
        {
            Publish = Tool.Run("make", ["publish"], clean: false, timeout: TimeSpan.FromMinutes(20));
        }
        catch (TimeoutException ex)
        {
            Publish = new ToolResult(-1, "", ex.Message);
        }
    }

    public string Dir { get; } = Repo.Path("artifacts", "publish", "gateway-aot");

    public string Executable => Path.Combine(Dir, "McpBridge.Gateway");

    public ToolResult Publish { get; }
}
