using McpBridge.Relay;
using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>
/// The receiver of a shared child's messages that belong to no call and no session: notifications are dropped,
/// requests are refused with an error that says why.
/// </summary>
internal sealed class DetachedDownstream : IDownstream
{
    public static readonly DetachedDownstream Instance = new();

    public ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken) => default;

    public Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken) =>
        Task.FromResult<JsonRpcMessage>(JsonRpc.Error(request.Id, BridgeErrorCodes.MethodNotFound,
            $"The gateway cannot tell which client '{request.Method}' is for: this child serves stateless requests and " +
            "none or several calls were in flight. Send it while exactly one call is running."));
}
