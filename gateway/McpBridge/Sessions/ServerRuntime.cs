using System.Collections.Concurrent;
using System.Diagnostics;
using McpBridge.Aggregation;
using McpBridge.Children;
using McpBridge.Configuration;
using McpBridge.Relay;
using McpBridge.Telemetry;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>
/// The children of one configured server: a new one for each isolated session, and one long-lived child that
/// serves the stateless (2026-07-28) requests, so that no request ever waits for a child started just for it.
/// </summary>
internal sealed partial class ServerRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ChildConnection, byte> _children = new();
    private readonly ConcurrentQueue<(ChildConnection Child, SpareDownstream Stand)> _spares = new();
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly ILogger _stderrLogger;
    private readonly SharedPool? _pool;
    private readonly TimeProvider _timeProvider;
    private Task<ChildConnection>? _statelessChild;
    private int _sparesStarting;
    private volatile bool _stopping;

    public ServerRuntime(string name, ServerOptions options, SessionRegistry sessions, BridgeMetrics metrics, ILoggerFactory loggerFactory)
    {
        Name = name;
        Options = options;
        Metrics = metrics;
        PolicyName = options.Policy is ChildPolicy.Shared ? "shared" : "isolated";
        ToolFilter = ToolFilter.From(options.Tools);
        Prefix = NamePrefix.Of(name, options);
        _logger = loggerFactory.CreateLogger("McpBridge.Child");
        _stderrLogger = loggerFactory.CreateLogger(ChildProcess.StderrCategory);
        _timeProvider = sessions.TimeProvider;
        if (options.Policy is ChildPolicy.Shared)
        {
            var broadcast = new BroadcastDownstream(this, sessions);
            _pool = new SharedPool(options.PoolSize, () => StartPoolChildAsync(broadcast));
        }
    }

    public string Name { get; }

    public ServerOptions Options { get; }

    /// <summary>The server's <c>Tools:Allow</c> and <c>Tools:Deny</c>; <see langword="null"/> when every tool is served.</summary>
    public ToolFilter? ToolFilter { get; }

    /// <summary>How the server's tool and prompt names appear on the aggregated endpoint (<c>Tools:Prefix</c>).</summary>
    public NamePrefix Prefix { get; }

    /// <summary>The policy as metrics and spans name it: <c>isolated</c> or <c>shared</c>.</summary>
    public string PolicyName { get; }

    /// <summary>The bridge's metrics, which this server's children and requests feed.</summary>
    public BridgeMetrics Metrics { get; }

    /// <summary>
    /// The calls in flight on the children that serve shared sessions and stateless requests: the pool's, or an
    /// isolated server's stateless child's.
    /// </summary>
    public int SharedInFlight =>
        _pool?.InFlight ?? (_statelessChild is { IsCompletedSuccessfully: true } stateless ? stateless.Result.InFlight : 0);

    /// <summary>Whether sessions share the pool's children rather than getting their own.</summary>
    public bool IsShared => _pool is not null;

    /// <summary>The number of started, unused warm spares.</summary>
    public int SpareCount => _spares.Count;

    /// <summary>
    /// Starts what should run before the first request: the shared pool, or the stateless child and the warm
    /// spares of an isolated server. A child that cannot start is reported by <c>/readyz</c> and to its callers.
    /// </summary>
    public void Warm()
    {
        if (_pool is not null)
        {
            _pool.Fill();
            return;
        }

        _ = GetStatelessChildAsync(CancellationToken.None).ContinueWith(
            start => LogWarmFailed(_logger, Name, start.Exception!.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        RefillSpares();
    }

    /// <summary>
    /// How long after a hand-over the spare's replacement starts. Starting a process (fork, exec, the server's own
    /// start) takes milliseconds of a core; started at once, it runs inside the set-up that the spare was there to make
    /// short (<c>initialize</c>, <c>notifications/initialized</c> and the client's first lists follow within
    /// milliseconds). On two cores that added 2-3 ms to the median set-up (<c>make bench</c>, warm spares).
    /// </summary>
    private static readonly TimeSpan RefillDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A child for a new isolated session: a warm spare when one is ready (and a replacement starts in the
    /// background once the session is set up), else a cold start. A session whose child needs variables from its request
    /// (<paramref name="environment"/>, from <see cref="ServerOptions.HeaderEnv"/>) always gets a child of its own.
    /// </summary>
    public async Task<ChildConnection> TakeChildAsync(IDownstream session, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        if (environment is not null)
        {
            return await StartChildAsync(session, ChildRole.Session, Options.WithEnvironment(environment), cancellationToken);
        }

        while (_spares.TryDequeue(out var spare))
        {
            RefillSparesAfterHandOver();
            if (!spare.Child.Exited.IsCompleted)
            {
                spare.Child.DefaultDownstream = session;
                spare.Stand.HandTo(session);
                return spare.Child;
            }
        }

        RefillSpares();
        return await StartChildAsync(session, ChildRole.Session, cancellationToken);
    }

    /// <summary>The number of children running now.</summary>
    public int ChildCount => _children.Count;

    /// <summary>
    /// Starts a child whose unlinked messages go to <paramref name="downstream"/> and completes its handshake, in a span
    /// of its own (<c>mcpbridge.child.start</c>): under the request that waits for it when it is a session's cold start,
    /// a trace of its own otherwise.
    /// </summary>
    public Task<ChildConnection> StartChildAsync(IDownstream downstream, ChildRole role, CancellationToken cancellationToken) =>
        StartChildAsync(downstream, role, Options, cancellationToken);

    private async Task<ChildConnection> StartChildAsync(IDownstream downstream, ChildRole role, ServerOptions options, CancellationToken cancellationToken)
    {
        if (role is not ChildRole.Session)
        {
            // Spares, pool and stateless children serve many callers: not part of whichever request set their start off.
            // (An async method's change of the current activity does not reach its caller.)
            Activity.Current = null;
        }

        // Starting a process (fork and exec) blocks the thread for milliseconds; with inline I/O (Edge:InlineIo) this may
        // be an I/O thread that every connection shares, so leave it for the thread pool first.
        await Task.Yield();
        using var activity = ChildStartTelemetry.StartActivity(this, role);
        var started = Stopwatch.GetTimestamp();
        ChildConnection child;
        try
        {
            child = ChildConnection.Start(Name, options, downstream, _logger, _stderrLogger);
        }
        catch (ChildStartException ex)
        {
            Metrics.ChildStarted(this, role, Stopwatch.GetElapsedTime(started), null, succeeded: false);
            ChildStartTelemetry.Failed(activity, "spawn_failed", ex.Message);
            throw;
        }

        var spawn = Stopwatch.GetElapsedTime(started);
        ChildStartTelemetry.Spawned(activity, child.Pid);

        // Tracked from the moment its process exists, so that a shutdown during a slow start stops it too.
        _children[child] = 0;
        _ = child.Exited.ContinueWith(
            exited =>
            {
                _children.TryRemove(child, out _);
                Metrics.ChildExited(this, exited.Result);
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await child.InitializeAsync(cancellationToken);
            Metrics.ChildStarted(this, role, spawn, Stopwatch.GetElapsedTime(started) - spawn, succeeded: true);
            return child;
        }
        catch (Exception ex)
        {
            Metrics.ChildStarted(this, role, spawn, Stopwatch.GetElapsedTime(started) - spawn, succeeded: false);
            ChildStartTelemetry.Failed(activity, ex is OperationCanceledException ? "cancelled" : "initialize_failed", ex.Message);
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The child that serves a stateless request (or a call of a shared session): the least busy of the pool, or
    /// for an isolated server its one long-lived stateless child, started on first use and again after it ends.
    /// </summary>
    public Task<ChildConnection> GetStatelessChildAsync(CancellationToken cancellationToken)
    {
        if (_pool is not null)
        {
            return _pool.PickAsync(cancellationToken);
        }

        lock (_gate)
        {
            if (_statelessChild is null || _statelessChild.IsFaulted || _statelessChild.IsCanceled ||
                (_statelessChild.IsCompletedSuccessfully && _statelessChild.Result.Exited.IsCompleted))
            {
                if (_statelessChild is { } previous)
                {
                    Metrics.ChildRestarted(this, previous.IsCompletedSuccessfully ? BridgeMetrics.ExitReason(previous.Result.Exited.Result) : "start_failed");
                }

                // The start belongs to every request waiting for it, not to the first one's cancellation.
                _statelessChild = StartChildAsync(DetachedDownstream.Instance, ChildRole.Stateless, CancellationToken.None);
            }

            return _statelessChild.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Forwards a call that no session's own child serves (a shared session's, or a stateless request) to the least
    /// busy pool child or the stateless child. A child that turns out to be gone before it got the call is passed
    /// over for the next one, which replaces it.
    /// </summary>
    public async Task<JsonRpcMessage> ForwardStatelessAsync(JsonRpcRequest request, IDownstream owner, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var child = await GetStatelessChildAsync(cancellationToken);
            try
            {
                return await child.ForwardAsync(request, owner, cancellationToken);
            }
            catch (ChildUnavailableException) when (attempt <= (_pool is null ? 1 : Options.PoolSize))
            {
                await child.Exited;
            }
        }
    }

    /// <summary>What <c>/readyz</c> asks of each server: its stateless child (or a pool child) is up and answered <c>initialize</c>.</summary>
    public async Task<InitializeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var child = await GetStatelessChildAsync(cancellationToken);
        return child.InitializeResult;
    }

    /// <summary>Starts a pool child that, when it ends, is replaced at once (unless the gateway is stopping).</summary>
    private async Task<ChildConnection> StartPoolChildAsync(IDownstream broadcast)
    {
        var child = await StartChildAsync(broadcast, ChildRole.Pool, CancellationToken.None);
        _ = child.Exited.ContinueWith(
            (exited, state) =>
            {
                var runtime = (ServerRuntime)state!;
                if (!runtime._stopping)
                {
                    runtime.Metrics.ChildRestarted(runtime, BridgeMetrics.ExitReason(exited.Result));
                    runtime._pool!.Fill();
                }
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return child;
    }

    private void RefillSpares()
    {
        while (!_stopping && Volatile.Read(ref _sparesStarting) + _spares.Count < Options.WarmSpares)
        {
            Interlocked.Increment(ref _sparesStarting);
            _ = StartSpareAsync();
        }
    }

    private void RefillSparesAfterHandOver() =>
        _ = Task.Delay(RefillDelay, _timeProvider, CancellationToken.None).ContinueWith(
            static (_, state) => ((ServerRuntime)state!).RefillSpares(),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task StartSpareAsync()
    {
        var stand = new SpareDownstream();
        try
        {
            var child = await StartChildAsync(stand, ChildRole.Spare, CancellationToken.None);
            _spares.Enqueue((child, stand));
        }
        catch (ChildStartException ex)
        {
            // The next session's cold start reports the error to its client; a spare only logs it.
            LogSpareFailed(_logger, Name, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _sparesStarting);
        }
    }

    /// <summary>Stops every child of this server, all at once.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await Task.WhenAll(_children.Keys.Select(child => child.DisposeAsync().AsTask()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The MCP server {Server} could not start: {Reason}")]
    private static partial void LogWarmFailed(ILogger logger, string server, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A warm spare of {Server} could not start: {Reason}")]
    private static partial void LogSpareFailed(ILogger logger, string server, string reason);
}
