using McpBridge.Relay;
using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>
/// The receiver of a pool child's messages that belong to no call: changes of its lists and resources concern every
/// session of the server and go to all of them; anything else has no owner and is dropped or refused.
/// </summary>
internal sealed class BroadcastDownstream(ServerRuntime server, SessionRegistry sessions) : IDownstream
{
    public async ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken)
    {
        if (!notification.Method.EndsWith("/list_changed", StringComparison.Ordinal) &&
            notification.Method != NotificationMethods.ResourceUpdatedNotification)
        {
            return;
        }

        foreach (var session in sessions.Sessions)
        {
            if (session.Serves(server))
            {
                await session.NotifyAsync(new JsonRpcNotification { Method = notification.Method, Params = notification.Params?.DeepClone() }, null, cancellationToken);
            }
        }
    }

    public Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken) =>
        DetachedDownstream.Instance.RequestAsync(request, call, cancellationToken);
}
