using System.Text.Json.Nodes;
using McpBridge.Children;
using McpBridge.Relay;
using McpBridge.Sessions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>Serves the stateless (2026-07-28) requests of one server from its long-lived stateless child.</summary>
internal sealed class StatelessForwarder(ServerRuntime runtime, PausedCalls paused, SessionRegistry registry)
{
    /// <summary>
    /// Forwards a request of <paramref name="caller"/>, or resumes the paused call its <c>requestState</c> names if
    /// that caller paused it; another caller's state is answered as if it did not exist.
    /// </summary>
    public async Task ForwardAsync(McpServer server, JsonRpcRequest request, string? caller, CancellationToken cancellationToken)
    {
        using var running = registry.BeginStatelessCall();
        StatelessCall call;
        if (request.Params?["requestState"] is JsonValue stateNode && stateNode.TryGetValue(out string? state))
        {
            if (!paused.TryTake(state, caller, out call))
            {
                await server.SendMessageAsync(Replies.To(request, JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams,
                    "The requestState is unknown, expired or already used. Send the request again without requestState and inputResponses.")),
                    cancellationToken);
                return;
            }

            call.Resume(server, request);
        }
        else
        {
            call = new StatelessCall(server, request) { Owner = caller };
            call.Answer = ForwardNewAsync(request, call);
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

        call.Pause();
        var requestState = paused.Add(call, runtime.Options.RequestTimeout);
        await server.SendMessageAsync(
            new JsonRpcResponse { Id = request.Id, Result = call.InputRequiredResult(requestState) },
            cancellationToken);
    }

    /// <summary>The child's answer to a new call; a child that cannot be started or reached is an error answer.</summary>
    private async Task<JsonRpcMessage> ForwardNewAsync(JsonRpcRequest request, StatelessCall call)
    {
        try
        {
            return await runtime.ForwardStatelessAsync(request, call, call.Lifetime);
        }
        catch (Exception ex) when (ex is ChildStartException or ChildUnavailableException)
        {
            return JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable, ex.Message);
        }
    }
}
