using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpBridge.Chat.Gateway;

/// <summary>
/// A gateway tool as Claude sees it: the MCP tool's name, description and input schema, called through the shared
/// <see cref="GatewayConnection"/> (so it survives reconnects), reported to an observer, and never throwing for a
/// tool error or a lost gateway: those go back to Claude as error results.
/// </summary>
internal sealed partial class GatewayTool(McpClientTool tool, GatewayConnection gateway, IToolCallObserver observer, ILogger logger) : AIFunction
{
    public override string Name => tool.Name;

    public override string Description => tool.Description;

    public override JsonElement JsonSchema => tool.JsonSchema;

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => tool.AdditionalProperties;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId ?? Guid.NewGuid().ToString("n");
        observer.Started(callId, Name, arguments);
        var clock = Stopwatch.StartNew();
        ToolCallOutcome outcome;
        try
        {
            var result = await gateway.CallToolAsync(Name, arguments, cancellationToken);
            outcome = ToolCallOutcome.From(result, clock.Elapsed);
        }
        catch (GatewayUnavailableException ex)
        {
            outcome = ToolCallOutcome.Failed(ex.Message, clock.Elapsed, gatewayDown: true);
        }
        catch (McpException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A JSON-RPC error (unknown tool, invalid arguments, a child that failed) is the tool's error, for Claude to see.
            outcome = ToolCallOutcome.Failed(ex.Message, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The MCP client has sent notifications/cancelled for the call; the gateway passes it to the server.
            LogCancelled(logger, Name, callId, clock.Elapsed);
            throw;
        }

        observer.Finished(callId, Name, outcome);
        return outcome.ToFunctionResult(callId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool call {Tool} ({CallId}) cancelled after {Elapsed}")]
    private static partial void LogCancelled(ILogger logger, string tool, string callId, TimeSpan elapsed);
}
