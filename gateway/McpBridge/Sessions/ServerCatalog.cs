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
    private readonly SessionRegistry _sessions;
    private readonly BridgeMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly AggregateRouter _aggregate;

    /// <summary>Replaced whole by a reload, so that readers always see one consistent set.</summary>
    private volatile Dictionary<string, ServerRuntime> _servers;

    private readonly TimeSpan _drainTimeout;

    public ServerCatalog(IOptions<BridgeOptions> options, SessionRegistry sessions, BridgeMetrics metrics, ILoggerFactory loggerFactory)
    {
        _sessions = sessions;
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _drainTimeout = options.Value.DrainTimeout;
        _servers = options.Value.Servers.ToDictionary(
            pair => pair.Key,
            pair => new ServerRuntime(pair.Key, pair.Value, sessions, metrics, loggerFactory),
            StringComparer.OrdinalIgnoreCase);
        _aggregate = new AggregateRouter(loggerFactory.CreateLogger<AggregateRouter>());
        metrics.Observe(this, sessions);
    }

    /// <summary>With more than one server: how the aggregated <c>/mcp</c> serves them all as one; otherwise <see langword="null"/>.</summary>
    public AggregateRouter? Aggregate => _servers.Count > 1 ? _aggregate : null;

    /// <summary>
    /// Applies a reloaded configuration: servers that are new, or in <paramref name="changed"/>, start (pools and spares
    /// warm); servers that are gone or changed stop, after their sessions end (their clients get 404 and start
    /// over). Aggregated sessions stay: they lose the old servers, gain the new ones, and are told their lists changed.
    /// Sessions of unchanged servers are untouched.
    /// </summary>
    public async Task ApplyAsync(IDictionary<string, ServerOptions> next, IReadOnlySet<string> changed)
    {
        var current = _servers;
        var leaving = current.Values.Where(server => !next.ContainsKey(server.Name) || changed.Contains(server.Name)).ToList();
        var joining = next.Where(pair => !current.ContainsKey(pair.Key) || changed.Contains(pair.Key))
            .Select(pair => new ServerRuntime(pair.Key, pair.Value, _sessions, _metrics, _loggerFactory))
            .ToList();
        var servers = new Dictionary<string, ServerRuntime>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in next.Keys)
        {
            servers[name] = joining.FirstOrDefault(server => server.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? current[name];
        }

        _servers = servers;
        foreach (var server in joining)
        {
            server.Warm();
        }

        await Task.WhenAll(_sessions.Sessions.Select(session => session.Aggregate is null
            ? leaving.Contains(session.Members[0].Server) ? session.EndAsync("its MCP server was removed or changed by a configuration reload") : Task.CompletedTask
            : session.ReplaceMembersAsync(leaving, joining)));
        await Task.WhenAll(leaving.Select(server => server.DisposeAsync().AsTask()));
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
