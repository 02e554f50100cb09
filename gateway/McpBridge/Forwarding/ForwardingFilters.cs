using McpBridge.Aggregation;
using McpBridge.Relay;
using McpBridge.Sessions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>
/// The SDK message filters that relay a client's messages to the child as raw JSON-RPC: everything but the
/// handshake and discovery, which the SDK answers itself with the child's own server info and capabilities.
/// Raw relaying keeps what typed handlers would lose: exact errors, unknown fields and unknown methods.
/// </summary>
internal static class ForwardingFilters
{
    /// <summary>For a session of an initialize-era client, bound to its own child.</summary>
    public static McpMessageFilter ForSession(BridgeSession session) => next => async (context, cancellationToken) =>
    {
        switch (context.JsonRpcMessage)
        {
            case JsonRpcRequest { Method: RequestMethods.Initialize } request when session.StartError is { } startError:
                await context.Server.SendMessageAsync(
                    Replies.To(request, JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable, startError)), cancellationToken);
                _ = session.EndAsync("its MCP server could not start");
                return;
            case JsonRpcRequest request when !AnsweredBySdk(request.Method):
                session.Touch();
                await session.ForwardAsync(request, context.Server.SendMessageAsync, cancellationToken);
                return;
            case JsonRpcNotification { Method: NotificationMethods.RootsListChangedNotification } notification:
                session.Touch();
                foreach (var member in session.Members)
                {
                    if (member.Child is { } child)
                    {
                        await child.NotifyAsync(new JsonRpcNotification { Method = notification.Method, Params = notification.Params }, cancellationToken);
                    }
                }

                return;
            default:
                // Responses to the child's requests, cancellations (which cancel the forwarded call) and
                // notifications/initialized are the SDK's to handle.
                await next(context, cancellationToken);
                return;
        }
    };

    /// <summary>
    /// For a stateless (2026-07-28) request of <paramref name="caller"/>, served by the server's long-lived stateless
    /// child; a call it pauses can be resumed by the same caller only.
    /// </summary>
    public static McpMessageFilter ForStatelessRequest(StatelessForwarder forwarder, string? caller) => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest request && !AnsweredBySdk(request.Method))
        {
            await forwarder.ForwardAsync(context.Server, request, caller, cancellationToken);
            return;
        }

        await next(context, cancellationToken);
    };

    /// <summary>
    /// For a stateless (2026-07-28) request of <paramref name="caller"/> to the aggregated endpoint: a call or prompt goes
    /// to its server's forwarder (which relays the server's questions as input-required results), anything else is
    /// answered by the router from the servers' stateless children.
    /// </summary>
    public static McpMessageFilter ForAggregateStatelessRequest(AggregateRouter router, AggregateScope scope,
        Func<ServerRuntime, StatelessForwarder> forwarders, SessionRegistry registry, string? caller) => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest request || AnsweredBySdk(request.Method))
        {
            await next(context, cancellationToken);
            return;
        }

        if (router.TakeByName(request, scope) is { } member)
        {
            await forwarders(member.Server).ForwardAsync(context.Server, request, caller, cancellationToken);
            return;
        }

        using var running = registry.BeginStatelessCall();
        var answer = await router.ForwardAsync(request, scope, cancellationToken);
        await context.Server.SendMessageAsync(Replies.To(request, answer), cancellationToken);
    };

    /// <summary>The protocol's own handshake and discovery, which the gateway answers rather than the child.</summary>
    public static bool AnsweredBySdk(string method) =>
        method is RequestMethods.Initialize or RequestMethods.ServerDiscover or RequestMethods.SubscriptionsListen;
}
