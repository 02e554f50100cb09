using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Faults;

/// <summary>The <c>hang</c> fault's tool.</summary>
[McpServerToolType]
internal static class HangTools
{
    [McpServerTool(Name = "hang"), Description("Never answers; ends only when the call is cancelled (notifications/cancelled).")]
    public static async Task<string> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return "unreachable";
    }
}
