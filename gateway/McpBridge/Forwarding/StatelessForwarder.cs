using System.Text.Json.Nodes;
using McpBridge.Children;
using McpBridge.Relay;
using McpBridge.Sessions;
using McpBridge.Telemetry;
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
        using var telemetry = RequestTelemetry.Start(runtime.Metrics, request, runtime, sessionId: null);
        StatelessCall call;
        if (request.Params?["requestState"] is JsonValue stateNode && stateNode.TryGetValue(out string? state))
        {
            if (!paused.TryTake(state, caller, out call))
            {
                var unknown = JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams,
                    "The requestState is unknown, expired or already used. Send the request again without requestState and inputResponses.");
                telemetry?.Complete(unknown);
                await server.SendMessageAsync(Replies.To(request, unknown), cancellationToken);
                return;
            }

            call.Resume(server, request);
            telemetry?.SetResumed();
            telemetry?.SetChildPid(call.ChildPid);
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

        call.ChildPid ??= telemetry?.ChildPid;
        if (!needsInput)
        {
            var answer = await call.Outcome;
            if (!call.Answer.IsCompleted)
            {
                call.Cancel();
            }

            call.Dispose();
            telemetry?.Complete(answer);
            await server.SendMessageAsync(Replies.To(request, answer), cancellationToken);
            return;
        }

        telemetry?.InputRequired();
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
