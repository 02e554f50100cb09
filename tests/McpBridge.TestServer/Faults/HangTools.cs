using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Faults;

/// <summary>The <c>hang</c> fault's tool.</summary>
[McpServerToolType]
internal static class HangTools
{
    /// <summary>The stderr line written when a <c>hang</c> call starts.</summary>
    public const string StartedLine = "hang: the call started";

    /// <summary>The stderr line written when a <c>hang</c> call is cancelled.</summary>
    public const string CancelledLine = "hang: the call was cancelled";

    [McpServerTool(Name = "hang"), Description("Never answers; ends only when the call is cancelled (notifications/cancelled).")]
    public static async Task<string> Hang(CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync(StartedLine);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // On stderr, which the gateway logs: tests read it to see that the cancellation reached the server.
            await Console.Error.WriteLineAsync(CancelledLine);
            throw;
        }

        return "unreachable";
    }
}
