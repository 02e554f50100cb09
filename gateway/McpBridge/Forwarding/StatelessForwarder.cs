using System.Text.Json.Nodes;
using McpBridge.Children;
using McpBridge.Relay;
using McpBridge.Sessions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>Serves the stateless (2026-07-28) requests of one server from its long-lived stateless child.</summary>
internal sealed class StatelessForwarder(ServerRuntime runtime, PausedCalls paused)
{
    public ServerRuntime Runtime => runtime;

    public async Task ForwardAsync(McpServer server, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        StatelessCall call;
        if (request.Params?["requestState"] is JsonValue stateNode && stateNode.TryGetValue(out string? state))
        {
            if (!paused.TryTake(state, out call))
            {
                await server.SendMessageAsync(Replies.To(request, JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams,
                    "The requestState is unknown, expired or already used. Send the request again without requestState and inputResponses.")),
                    cancellationToken);
                return;
            }

            if (call.Resume(server, request) is { } missing)
            {
                call.Cancel();
                await server.SendMessageAsync(Replies.To(request, JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams,
                    $"The retry has no inputResponses for: {missing}. The call was abandoned; send it again.")), cancellationToken);
                return;
            }
        }
        else
        {
            ChildConnection child;
            try
            {
                child = await runtime.GetStatelessChildAsync(cancellationToken);
            }
            catch (ChildStartException ex)
            {
                await server.SendMessageAsync(Replies.To(request, JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable, ex.Message)), cancellationToken);
                return;
            }

            call = new StatelessCall(server, request);
            call.Answer = child.ForwardAsync(request, call, call.Lifetime);
        }

        bool needsInput;
        try
        {
            needsInput = await call.WaitForInputOrAnswerAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            call.Cancel();
            throw;
        }

        if (!needsInput)
        {
            var answer = await call.Outcome;
            if (!call.Answer.IsCompleted)
            {
                call.Cancel();
            }

            call.Dispose();
            await server.SendMessageAsync(Replies.To(request, answer), cancellationToken);
            return;
        }

        var requestState = paused.Add(call, runtime.Options.RequestTimeout);
        await server.SendMessageAsync(
            new JsonRpcResponse { Id = request.Id, Result = call.InputRequiredResult(requestState) },
            cancellationToken);
    }
}
