using System.Diagnostics;
using System.Diagnostics.Metrics;
using McpBridge.Children;
using McpBridge.Relay;
using McpBridge.Sessions;

namespace McpBridge.Telemetry;

/// <summary>
/// The bridge's metrics (meter <c>McpBridge</c>). Counts of what exists now (sessions, children, spares, in-flight
/// calls) are observed from the registry and the servers when a reader collects; events (starts, exits, requests,
/// rejections) are counted as they happen, and only while an instrument is enabled (something listens).
/// </summary>
internal sealed class BridgeMetrics
{
    /// <summary>Bucket boundaries of the duration histograms, in seconds (those of the MCP semantic conventions).</summary>
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
    };

    private readonly Meter _meter;
    private readonly Counter<long> _childStarts;
    private readonly Counter<long> _childExits;
    private readonly Counter<long> _childRestarts;
    private readonly Histogram<double> _spawnDuration;
    private readonly Histogram<double> _initializeDuration;
    private readonly Counter<long> _rejected;

    public BridgeMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(new MeterOptions(BridgeDiagnostics.Name) { Version = GatewayVersion.Value });
        _childStarts = _meter.CreateCounter<long>("mcpbridge.child.starts", "{child}",
            "Child processes started, by server, policy, role (session, spare, pool, stateless) and outcome.");
        _childExits = _meter.CreateCounter<long>("mcpbridge.child.exits", "{child}",
            "Child processes that ended, by server, policy and reason (stopped by the gateway, exited, crashed).");
        _childRestarts = _meter.CreateCounter<long>("mcpbridge.child.restarts", "{child}",
            "Children started to replace one that ended (pool and stateless children), by the reason the old one ended.");
        _spawnDuration = _meter.CreateHistogram("mcpbridge.child.spawn.duration", "s",
            "Time to start a child's process.", advice: DurationBuckets);
        _initializeDuration = _meter.CreateHistogram("mcpbridge.child.initialize.duration", "s",
            "Time from a child's spawn to its answer to initialize.", advice: DurationBuckets);
        RequestDuration = _meter.CreateHistogram("mcpbridge.request.duration", "s",
            "Duration of MCP requests relayed to children, by method, server and outcome.", advice: DurationBuckets);
        _rejected = _meter.CreateCounter<long>("mcpbridge.requests.rejected", "{request}",
            "MCP requests refused before reaching a child, by reason.");
    }

    /// <summary>Duration of each relayed request; recorded by <see cref="RequestTelemetry"/>.</summary>
    public Histogram<double> RequestDuration { get; }

    /// <summary>
    /// Counts an MCP request refused at the edge. <paramref name="reason"/> is one of <see cref="RejectionReasons"/>
    /// (<c>origin</c>, <c>host</c>, <c>body_size</c>, <c>auth</c>, <c>rate_limit</c>, ...): a small fixed set, never
    /// a value taken from the request.
    /// </summary>
    public void RequestRejected(string reason)
    {
        if (_rejected.Enabled)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>(BridgeTags.RejectionReason, reason));
        }
    }

    /// <summary>Counts a child's start, and its spawn and initialize durations.</summary>
    public void ChildStarted(ServerRuntime server, ChildRole role, TimeSpan spawn, TimeSpan? initialize, bool succeeded)
    {
        if (_childStarts.Enabled)
        {
            var tags = ServerTags(server);
            tags.Add(BridgeTags.ChildRole, RoleName(role));
            tags.Add(BridgeTags.Outcome, succeeded ? "ok" : "error");
            _childStarts.Add(1, tags);
        }

        if (_spawnDuration.Enabled)
        {
            _spawnDuration.Record(spawn.TotalSeconds, ServerTags(server));
        }

        if (initialize is { } duration && _initializeDuration.Enabled)
        {
            var tags = ServerTags(server);
            tags.Add(BridgeTags.Outcome, succeeded ? "ok" : "error");
            _initializeDuration.Record(duration.TotalSeconds, tags);
        }
    }

    /// <summary>Counts a child's exit by why it ended.</summary>
    public void ChildExited(ServerRuntime server, ChildExit exit)
    {
        if (_childExits.Enabled)
        {
            var tags = ServerTags(server);
            tags.Add(BridgeTags.ExitReason, ExitReason(exit));
            _childExits.Add(1, tags);
        }
    }

    /// <summary>Counts a child started to replace one that ended; <paramref name="reason"/> is why the old one ended.</summary>
    public void ChildRestarted(ServerRuntime server, string reason)
    {
        if (_childRestarts.Enabled)
        {
            var tags = ServerTags(server);
            tags.Add(BridgeTags.ExitReason, reason);
            _childRestarts.Add(1, tags);
        }
    }

    /// <summary>
    /// Starts observing what exists now: sessions, live children, warm spares and the calls in flight on the children
    /// that serve shared and stateless calls. Called once, by the catalog that holds them.
    /// </summary>
    public void Observe(ServerCatalog catalog, SessionRegistry sessions)
    {
        _meter.CreateObservableUpDownCounter("mcpbridge.sessions.active", () => ActiveSessions(catalog, sessions), "{session}",
            "Open MCP sessions (initialize-era clients), by server.");
        _meter.CreateObservableUpDownCounter("mcpbridge.children.live", () => PerServer(catalog, server => server.ChildCount), "{child}",
            "Child processes running now (spares and starting ones included), by server and policy.");
        _meter.CreateObservableUpDownCounter("mcpbridge.spares.available", () => PerServer(catalog, server => server.SpareCount), "{child}",
            "Warm spares started and initialized, waiting for a session (isolated servers).");
        _meter.CreateObservableUpDownCounter("mcpbridge.pool.in_flight", () => PerServer(catalog, server => server.SharedInFlight), "{request}",
            "Calls in flight on the children that serve shared sessions and stateless requests: the shared pool's queue depth.");
    }

    /// <summary>Why a child ended: <c>stopped</c> by the gateway, <c>exited</c> on its own with code 0, else <c>crashed</c>.</summary>
    public static string ExitReason(ChildExit exit) =>
        exit.StoppedByGateway ? "stopped" : exit.ExitCode == 0 ? "exited" : "crashed";

    public static string RoleName(ChildRole role) => role switch
    {
        ChildRole.Session => "session",
        ChildRole.Spare => "spare",
        ChildRole.Pool => "pool",
        _ => "stateless",
    };

    private static TagList ServerTags(ServerRuntime server) => new()
    {
        { BridgeTags.Server, server.Name },
        { BridgeTags.Policy, server.PolicyName },
    };

    private static IEnumerable<Measurement<int>> ActiveSessions(ServerCatalog catalog, SessionRegistry sessions)
    {
        var counts = catalog.Servers.ToDictionary(server => server, _ => 0);
        foreach (var session in sessions.Sessions)
        {
            foreach (var member in session.Members)
            {
                if (counts.TryGetValue(member.Server, out var count))
                {
                    counts[member.Server] = count + 1;
                }
            }
        }

        return counts.Select(pair => new Measurement<int>(pair.Value, ServerTags(pair.Key)));
    }

    private static IEnumerable<Measurement<int>> PerServer(ServerCatalog catalog, Func<ServerRuntime, int> count) =>
        catalog.Servers.Select(server => new Measurement<int>(count(server), ServerTags(server)));
}
