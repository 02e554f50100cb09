using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>Tools that send notifications while they run: log messages and progress.</summary>
[McpServerToolType]
internal static class NotificationTools
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(50);

    [McpServerTool(Name = "test_tool_with_logging"), Description("Tests tool that emits log messages during execution")]
    public static async Task<string> ToolWithLogging(McpServer server, CancellationToken cancellationToken)
    {
        await ClientLog.SendAsync(server, LoggingLevel.Info, "Tool execution started", cancellationToken);
        await Task.Delay(s_step, cancellationToken);
        await ClientLog.SendAsync(server, LoggingLevel.Info, "Tool processing data", cancellationToken);
        await Task.Delay(s_step, cancellationToken);
        await ClientLog.SendAsync(server, LoggingLevel.Info, "Tool execution completed", cancellationToken);
        return "Tool with logging executed successfully";
    }

    [McpServerTool(Name = "test_tool_with_progress"), Description("Tests tool that reports progress notifications")]
    public static async Task<string> ToolWithProgress(
        McpServer server, RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var token = context.Params?.ProgressToken;
        foreach (var progress in (int[])[0, 50, 100])
        {
            if (progress > 0)
            {
                await Task.Delay(s_step, cancellationToken);
            }

            if (token is { } progressToken)
            {
                await server.NotifyProgressAsync(
                    progressToken,
                    new ProgressNotificationValue { Progress = progress, Total = 100, Message = $"Completed step {progress} of 100" },
                    cancellationToken: cancellationToken);
            }
        }

        return token?.ToString() ?? "No progress token provided";
    }

    [McpServerTool(Name = "test_logging_tool"), Description("Diagnostic logging validator tool: logs only when the client set a log level")]
    public static async Task<string> LoggingTool(McpServer server, CancellationToken cancellationToken)
    {
        await ClientLog.SendIfEnabledAsync(server, LoggingLevel.Info, "Diagnostic trace logging activated", cancellationToken);
        return "Logging evaluated";
    }

    // Over HTTP the SDK owns the SSE stream; through the gateway, closing and resuming it is the gateway's job.
    [McpServerTool(Name = "test_reconnection"), Description("Tests SSE stream disconnection and client reconnection (SEP-1699)")]
    public static async Task<string> Reconnection(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        return "Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.";
    }
}
