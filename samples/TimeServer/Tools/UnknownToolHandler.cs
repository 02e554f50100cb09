using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace TimeServer.Tools;

/// <summary>
/// Answers a call to a tool the server does not have as the python server does: an error result
/// ("Unknown tool: NAME"), where the SDK would otherwise answer with a JSON-RPC error.
/// </summary>
internal static class UnknownToolHandler
{
    /// <summary>The handler the SDK calls when no registered tool matches the name.</summary>
    public static ValueTask<CallToolResult> HandleAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolResults.Error($"{ToolResults.QueryErrorPrefix}Unknown tool: {request.Params?.Name}"));
}
