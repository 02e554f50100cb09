using McpBridge.Aggregation;
using McpBridge.Configuration;
using McpBridge.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpBridge.Sessions;

/// <summary>
/// The configured servers by name, each with its children. On shutdown (SIGTERM, SIGINT) it first drains, before
/// any other service stops (the web server keeps answering, the MCP SDK keeps its sessions), then ends every
/// session and stops every child, so that none is left behind.
/// </summary>
internal sealed class ServerCatalog : IHostedLifecycleService, IAsyncDisposable
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
        Aggregate = _servers.Count > 1 ? new AggregateRouter(loggerFactory.CreateLogger<AggregateRouter>()) : null;
        metrics.Observe(this, sessions);
    }

    /// <summary>With more than one server: how the aggregated <c>/mcp</c> serves them all as one; otherwise <see langword="null"/>.</summary>
    public AggregateRouter? Aggregate { get; }

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
    /// Drains: no new sessions (503), <c>/readyz</c> fails, and running calls get up to
    /// <see cref="BridgeOptions.DrainTimeout"/> to finish. Runs before any hosted service stops.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
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
            // Out of time: what still runs is stopped with its child and answered with an error.
        }

        // Before the web server stops: calls cut short still get their answers on open connections.
        await EndSessionsAsync();
    }

    /// <summary>Ends every session and stops every child.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task EndSessionsAsync() => Task.WhenAll(_sessions.Sessions.Select(session => session.EndAsync("the gateway is stopping")));

    public async ValueTask DisposeAsync()
    {
        await EndSessionsAsync();
        await Task.WhenAll(_servers.Values.Select(server => server.DisposeAsync().AsTask()));
    }
}
