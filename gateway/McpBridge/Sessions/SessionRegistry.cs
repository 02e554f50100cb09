using System.Collections.Concurrent;
using McpBridge.Configuration;
using Microsoft.Extensions.Options;

namespace McpBridge.Sessions;

/// <summary>The live sessions by id: what answers 404 for an ended session, and what caps and reaps them.</summary>
internal sealed class SessionRegistry(IOptions<BridgeOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, BridgeSession> _sessions = new(StringComparer.Ordinal);

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The number of live sessions.</summary>
    public int Count => _sessions.Count;

    /// <summary>Whether one more session would exceed <see cref="BridgeOptions.MaxSessions"/>, or the gateway is draining.</summary>
    public bool IsFull => IsDraining || _sessions.Count >= options.Value.MaxSessions;

    /// <summary>Set when the gateway begins to stop: it takes no new sessions, and running calls may finish.</summary>
    public bool IsDraining { get; private set; }

    public void BeginDraining() => IsDraining = true;

    private int _statelessCalls;

    /// <summary>Whether any call is running: a session's, or a stateless (2026-07-28) request's.</summary>
    public bool AnyBusy => Volatile.Read(ref _statelessCalls) > 0 || _sessions.Values.Any(session => session.IsBusy);

    /// <summary>The stateless (2026-07-28) requests being answered now.</summary>
    public int StatelessCalls => Volatile.Read(ref _statelessCalls);

    /// <summary>Every call running now: the sessions' and the stateless ones.</summary>
    public int RunningCalls => StatelessCalls + _sessions.Values.Sum(session => session.RunningCalls);

    /// <summary>Counts a stateless request as running until the returned scope is disposed, so that a drain waits for it.</summary>
    public StatelessCallScope BeginStatelessCall()
    {
        Interlocked.Increment(ref _statelessCalls);
        return new StatelessCallScope(this);
    }

    /// <summary>Ends the count of one stateless request.</summary>
    public readonly struct StatelessCallScope(SessionRegistry registry) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref registry._statelessCalls);
    }

    public IEnumerable<BridgeSession> Sessions => _sessions.Values;

    public void Add(BridgeSession session) => _sessions[session.Id] = session;

    public void Remove(BridgeSession session) => _sessions.TryRemove(new KeyValuePair<string, BridgeSession>(session.Id, session));

    /// <summary>The live session with this id of this endpoint (a server's name, or the aggregated endpoint's), if any.</summary>
    public BridgeSession? Find(string id, string endpoint) =>
        _sessions.TryGetValue(id, out var session) && string.Equals(session.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase)
            ? session
            : null;
}
