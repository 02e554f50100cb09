using System.Collections.Concurrent;
using McpBridge.Configuration;
using McpBridge.Relay;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>
/// The children of one configured server: a new one for each isolated session, and one long-lived child that
/// serves the stateless (2026-07-28) requests, so that no request ever waits for a child started just for it.
/// </summary>
internal sealed class ServerRuntime(string name, ServerOptions options, ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ChildConnection, byte> _children = new();
    private readonly Lock _gate = new();
    private Task<ChildConnection>? _statelessChild;

    public string Name { get; } = name;

    public ServerOptions Options { get; } = options;

    /// <summary>The number of children running now.</summary>
    public int ChildCount => _children.Count;

    /// <summary>Starts a child whose unlinked messages go to <paramref name="downstream"/> and completes its handshake.</summary>
    public async Task<ChildConnection> StartChildAsync(IDownstream downstream, CancellationToken cancellationToken)
    {
        var child = await ChildConnection.StartAsync(Name, Options, downstream, logger, cancellationToken);
        _children[child] = 0;
        _ = child.Exited.ContinueWith(
            (exited, state) => _children.TryRemove((ChildConnection)state!, out _),
            child, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return child;
    }

    /// <summary>The child that serves stateless requests, started on first use and again after it ends.</summary>
    public Task<ChildConnection> GetStatelessChildAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_statelessChild is null || _statelessChild.IsFaulted || _statelessChild.IsCanceled ||
                (_statelessChild.IsCompletedSuccessfully && _statelessChild.Result.Exited.IsCompleted))
            {
                // The start belongs to every request waiting for it, not to the first one's cancellation.
                _statelessChild = StartChildAsync(DetachedDownstream.Instance, CancellationToken.None);
            }

            return _statelessChild.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts a child, completes the handshake and stops it: what <c>/readyz</c> asks of each server.</summary>
    public async Task<InitializeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var child = await GetStatelessChildAsync(cancellationToken);
        return child.InitializeResult;
    }

    /// <summary>Stops every child of this server, all at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_children.Keys.Select(child => child.DisposeAsync().AsTask()));
    }
}
