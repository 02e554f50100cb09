using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>The <c>logging/setLevel</c> handler: the SDK records the level; this confirms it with a log message.</summary>
internal static class LoggingLevelHandler
{
    /// <summary>Answers <c>{}</c> after logging the new level (at info, so only if info passes it).</summary>
    public static async ValueTask<EmptyResult> SetLevelAsync(RequestContext<SetLevelRequestParams> context, CancellationToken cancellationToken)
    {
        var level = context.Params?.Level;
        if (level is { } newLevel && LoggingLevel.Info >= newLevel)
        {
            await ClientLog.SendAsync(context.Server, LoggingLevel.Info, $"Log level set to: {newLevel}", cancellationToken);
        }

        return new EmptyResult();
    }
}
