using McpBridge.Relay;
using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>
/// Stands in for the session of a warm spare until a session takes it: the child's requests (such as
/// <c>roots/list</c> right after its handshake) wait for that session; its notifications, which describe a state
/// the new session will ask for anyway, are dropped.
/// </summary>
internal sealed class SpareDownstream : IDownstream
{
    private readonly TaskCompletionSource<IDownstream> _owner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HandTo(IDownstream owner) => _owner.TrySetResult(owner);

    public ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken) =>
        _owner.Task.IsCompletedSuccessfully ? _owner.Task.Result.NotifyAsync(notification, call, cancellationToken) : default;

    public async Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken)
    {
        var owner = await _owner.Task.WaitAsync(cancellationToken);
        return await owner.RequestAsync(request, call, cancellationToken);
    }
}
