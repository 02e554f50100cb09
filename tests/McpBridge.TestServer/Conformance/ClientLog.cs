using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>Sends MCP log messages (<c>notifications/message</c>) to the client.</summary>
internal static class ClientLog
{
    /// <summary>The <c>logger</c> field of every message this server sends.</summary>
    public const string LoggerName = "conformance-test-server";

    /// <summary>Sends <paramref name="message"/> at <paramref name="level"/>, whatever level the client set.</summary>
    public static Task SendAsync(McpServer server, LoggingLevel level, string message, CancellationToken cancellationToken) =>
        server.SendNotificationAsync(
            NotificationMethods.LoggingMessageNotification,
            new LoggingMessageNotificationParams
            {
                Level = level,
                Logger = LoggerName,
                Data = JsonSerializer.SerializeToElement(message, McpJsonUtilities.DefaultOptions),
            },
            cancellationToken: cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> only when the client asked for logs with
    /// <c>logging/setLevel</c> at <paramref name="level"/> or below: the spec's filtering rule.
    /// </summary>
    public static Task SendIfEnabledAsync(McpServer server, LoggingLevel level, string message, CancellationToken cancellationToken) =>
        server.LoggingLevel is { } threshold && level >= threshold
            ? SendAsync(server, level, message, cancellationToken)
            : Task.CompletedTask;
}
