using System.Collections.Concurrent;
using McpBridge.Relay;
using McpBridge.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Sessions;

/// <summary>
/// One MCP session of an initialize-era client and its own child (policy <c>isolated</c>). The child's messages
/// come back here and go to the client: on the stream of the call they belong to, or on the session's GET stream.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The Ended token outlives EndAsync for late readers; the source holds no unmanaged state.")]
internal sealed partial class BridgeSession : IDownstream
{
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _ended = new();
    private readonly ConcurrentDictionary<HttpContext, byte> _openStreams = new();
    private readonly TaskCompletionSource<McpServer> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _callsAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<RequestId, CancellationTokenSource> _directCalls = new();
    private long _lastActivity;
    private long _lastSeenBySdk;
    private int _inFlight;
    private int _ending;

    /// <summary>How long an ending session waits for its running calls' error answers to go out before it closes their streams.</summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(2);

    public BridgeSession(string id, string publicId, ServerRuntime server, SessionRegistry registry, ILogger logger)
    {
        Id = id;
        PublicId = publicId;
        Server = server;
        _registry = registry;
        _logger = logger;
        _lastActivity = registry.TimeProvider.GetTimestamp();
        _lastSeenBySdk = _lastActivity;
    }

    /// <summary>The session's id in the SDK and in the gateway's logs.</summary>
    public string Id { get; }

    /// <summary>The id the client sees in <c>Mcp-Session-Id</c> (<c>REPLICA.ID</c>), which spans carry.</summary>
    public string PublicId { get; }

    public ServerRuntime Server { get; }

    /// <summary>Who created the session (<see cref="CallerIdentity"/>); only the same caller may use it. Null when anonymous.</summary>
    public string? Owner { get; init; }

    /// <summary>Variables from the session's <c>initialize</c> request for its child (<c>HeaderEnv</c>); null when none are configured.</summary>
    public IReadOnlyDictionary<string, string>? ChildVariables { get; init; }

    /// <summary>The session's child, once started; <see langword="null"/> while starting or when it could not start.</summary>
    public ChildConnection? Child { get; private set; }

    /// <summary>The child whose server info and capabilities the session shows: its own, or one of the shared pool.</summary>
    public ChildConnection? Identity { get; private set; }

    /// <summary>Why the child could not start, answered to the client's requests.</summary>
    public string? StartError { get; private set; }

    /// <summary>Signalled when the session has ended.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>When the client last sent something, in <see cref="TimeProvider"/> timestamps.</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    /// <summary>Whether a forwarded call is still running (a long call is not idleness).</summary>
    public bool IsBusy => RunningCalls > 0;

    /// <summary>The session's forwarded calls that are still running.</summary>
    public int RunningCalls => Volatile.Read(ref _inFlight);

    /// <summary>Marks the session as used now (idle reaping counts from here).</summary>
    public void Touch() => Interlocked.Exchange(ref _lastActivity, _registry.TimeProvider.GetTimestamp());

    /// <summary>The SDK's server object of the session, once it runs; <see langword="null"/> before.</summary>
    public McpServer? SdkServer => _server.Task.IsCompletedSuccessfully ? _server.Task.Result : null;

    /// <summary>Marks that a request of the session went through the SDK, which then counts the session as used.</summary>
    public void MarkSeenBySdk() => Interlocked.Exchange(ref _lastSeenBySdk, _registry.TimeProvider.GetTimestamp());

    /// <summary>
    /// Whether the SDK saw a request of the session within <paramref name="window"/>: requests relayed past the SDK do
    /// not keep its half of the session from being pruned as idle, so now and then one must go through it.
    /// </summary>
    public bool SeenBySdkWithin(TimeSpan window) =>
        _registry.TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastSeenBySdk)) < window;

    /// <summary>
    /// Registers a request relayed past the SDK, so that the client's <c>notifications/cancelled</c> can reach it;
    /// dispose the result when the request is done.
    /// </summary>
    public DirectCallRegistration TrackDirectCall(RequestId id, CancellationTokenSource cancellation)
    {
        _directCalls[id] = cancellation;
        return new DirectCallRegistration(_directCalls, id, cancellation);
    }

    /// <summary>Cancels the request relayed past the SDK with the client's id <paramref name="id"/>, if one runs.</summary>
    public bool TryCancelDirectCall(RequestId id)
    {
        if (!_directCalls.TryGetValue(id, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished meanwhile.
        }

        return true;
    }

    /// <summary>
    /// Gets the session's child: a pool child for a shared server (whose identity the session mirrors), else its
    /// own, from the warm spares or started now. A failure is kept and answered to the client rather than thrown.
    /// </summary>
    public async Task StartChildAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Server.IsShared)
            {
                Identity = await Server.GetStatelessChildAsync(cancellationToken);
                return;
            }

            Child = await Server.TakeChildAsync(this, ChildVariables, cancellationToken);
            Identity = Child;
            Child.SessionId = Id;
            _ = WatchChildAsync(Child);
        }
        catch (Children.ChildStartException ex)
        {
            StartError = ex.Message;
            LogStartFailed(_logger, Server.Name, Id, ex.Message);
        }
    }

    /// <summary>Gives the session the SDK's server object, through which messages reach the client.</summary>
    public void Attach(McpServer server) => _server.TrySetResult(server);

    /// <summary>Keeps an open HTTP stream of the session, so that ending the session also ends the stream.</summary>
    public void TrackStream(HttpContext stream) => _openStreams[stream] = 0;

    public void UntrackStream(HttpContext stream) => _openStreams.TryRemove(stream, out _);

    /// <summary>Forwards a client's request to the child and sends the answer back with <paramref name="reply"/> (on the request's stream).</summary>
    public async Task ForwardAsync(JsonRpcRequest request, Func<JsonRpcMessage, CancellationToken, Task> reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        using var telemetry = RequestTelemetry.Start(Server.Metrics, request, Server, PublicId);
        telemetry?.SetChildPid(Child?.Pid);
        try
        {
            JsonRpcMessage answer;
            try
            {
                answer = Server.IsShared
                    ? await Server.ForwardStatelessAsync(request, this, cancellationToken)
                    : Child is { } child
                        ? await child.ForwardAsync(request, this, cancellationToken)
                        : JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable, StartError ?? "The MCP server is not running.");
            }
            catch (ChildUnavailableException ex)
            {
                answer = JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable, ex.Message);
            }
            catch (Children.ChildStartException ex)
            {
                answer = JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogForwardFailed(_logger, Server.Name, Id, request.Method, ex);
                answer = JsonRpc.Error(request.Id, BridgeErrorCodes.InternalError, $"The gateway could not forward '{request.Method}': {ex.Message}");
            }

            telemetry?.Complete(answer);
            await reply(Replies.To(request, answer), cancellationToken);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0)
            {
                if (Volatile.Read(ref _ending) == 1)
                {
                    _callsAnswered.TrySetResult();
                }
                else if (!Server.IsShared && (Child is null || Child.Exited.IsCompleted))
                {
                    _ = EndAsync("its MCP server is not running");
                }
            }
        }
    }

    public async ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken)
    {
        if (!_server.Task.IsCompletedSuccessfully || _ended.IsCancellationRequested)
        {
            // Before the session runs there is no client to tell; after it ends there is none left.
            return;
        }

        var server = _server.Task.Result;
        notification.Context = call?.DownstreamRequest.Context is { } context
            ? new JsonRpcMessageContext { RelatedTransport = context.RelatedTransport }
            : null;
        await server.SendMessageAsync(notification, cancellationToken);
    }

    public async Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken)
    {
        var server = await _server.Task.WaitAsync(_ended.Token);
        if (ClientCapabilityCheck.Missing(server.ClientCapabilities, request.Method) is { } missing)
        {
            return JsonRpc.Error(request.Id, BridgeErrorCodes.MethodNotFound,
                $"The MCP client of this session did not declare the '{missing}' capability, so it cannot answer '{request.Method}'.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _ended.Token);
        var outgoing = new JsonRpcRequest
        {
            Method = request.Method,
            Params = request.Params,
            Context = call?.DownstreamRequest.Context is { } context ? new JsonRpcMessageContext { RelatedTransport = context.RelatedTransport } : null,
        };
        try
        {
            return await server.SendRequestAsync(outgoing, linked.Token);
        }
        catch (McpProtocolException ex)
        {
            return Replies.FromClientError(request.Id, ex);
        }
    }

    /// <summary>
    /// Ends the session once: its id answers 404 from now on, its child stops, the calls that were running get
    /// their error answers, and then its streams close.
    /// </summary>
    public async Task EndAsync(string reason)
    {
        if (Interlocked.Exchange(ref _ending, 1) == 1)
        {
            return;
        }

        LogEnded(_logger, Server.Name, Id, reason);
        _registry.Remove(this);
        if (Child is { } child)
        {
            // Stopping the child fails its pending calls, whose error answers go out on their own streams.
            await child.DisposeAsync();
        }

        if (Volatile.Read(ref _inFlight) == 0)
        {
            _callsAnswered.TrySetResult();
        }

        await _callsAnswered.Task.WaitAsync(AnswerGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _ended.CancelAsync();
        foreach (var stream in _openStreams.Keys)
        {
            stream.Abort();
        }
    }

    private async Task WatchChildAsync(ChildConnection child)
    {
        var exit = await child.Exited;
        if (!exit.StoppedByGateway && Volatile.Read(ref _inFlight) == 0)
        {
            await EndAsync("its MCP server exited");
        }
    }

    /// <summary>Removes a request relayed past the SDK from the session's running calls.</summary>
    public readonly struct DirectCallRegistration(
        ConcurrentDictionary<RequestId, CancellationTokenSource> calls, RequestId id, CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose() => calls.TryRemove(new KeyValuePair<RequestId, CancellationTokenSource>(id, cancellation));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} of {Server}: the MCP server could not start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string server, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} of {Server}: forwarding {Method} failed")]
    private static partial void LogForwardFailed(ILogger logger, string server, string sessionId, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of {Server} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string server, string sessionId, string reason);
}
