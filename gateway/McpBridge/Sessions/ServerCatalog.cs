using McpBridge.Configuration;
using McpBridge.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpBridge.Sessions;

/// <summary>
/// The configured servers by name, each with its children. On shutdown (SIGTERM, SIGINT) it ends every session
/// and stops every child, so that none is left behind.
/// </summary>
internal sealed class ServerCatalog : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, ServerRuntime> _servers;
    private readonly SessionRegistry _sessions;

    private readonly TimeSpan _drainTimeout;

    public ServerCatalog(IOptions<BridgeOptions> options, SessionRegistry sessions, BridgeMetrics metrics, ILoggerFactory loggerFactory)
    {
        _sessions = sessions;
        _drainTimeout = options.Value.DrainTimeout;
        _servers = options.Value.Servers.ToDictionary(
            pair => pair.Key,
            pair => new ServerRuntime(pair.Key, pair.Value, sessions, metrics, loggerFactory),
            StringComparer.OrdinalIgnoreCase);
        metrics.Observe(this, sessions);
    }

    public IReadOnlyCollection<ServerRuntime> Servers => _servers.Values;

    /// <summary>The only server when exactly one is configured (it is then also served at <c>/mcp</c>).</summary>
    public ServerRuntime? Single => _servers.Count == 1 ? _servers.Values.First() : null;

    public ServerRuntime? Find(string name) => _servers.GetValueOrDefault(name);

    /// <summary>Starts the shared pools and warm spares, so that the first sessions find them ready.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var server in _servers.Values)
        {
            server.Warm();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Drains, then stops: no new sessions (503), running calls get up to <see cref="BridgeOptions.DrainTimeout"/>
    /// to finish, then every session ends and every child stops.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _sessions.BeginDraining();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_drainTimeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (_sessions.AnyBusy && await poll.WaitForNextTickAsync(deadline.Token))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: what still runs is stopped with its child.
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_sessions.Sessions.Select(session => session.EndAsync("the gateway is stopping")));
        await Task.WhenAll(_servers.Values.Select(server => server.DisposeAsync().AsTask()));
    }
}
