using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

/// <summary>Where a child's own messages go: the MCP client side of a session or of a single stateless call.</summary>
internal interface IDownstream
{
    /// <summary>
    /// Whether the call is paused on a question to its client: the child's next question then belongs to a call
    /// still running, not to this one.
    /// </summary>
    bool IsAwaitingClient => false;

    /// <summary>Delivers a notification from the child; <paramref name="call"/> is the call it belongs to, when known.</summary>
    ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken);

    /// <summary>
    /// Relays a request from the child (sampling, elicitation, roots) and returns the client's answer
    /// (a response or an error, id not yet set); <paramref name="call"/> is the call it belongs to, when known.
    /// </summary>
    Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken);
}
