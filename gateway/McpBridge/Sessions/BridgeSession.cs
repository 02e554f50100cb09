using System.Collections.Concurrent;
using McpBridge.Aggregation;
using McpBridge.Children;
using McpBridge.Relay;
using McpBridge.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Sessions;

/// <summary>
/// One MCP session of an initialize-era client and its servers' children (each its own, policy <c>isolated</c>, or
/// the shared pool's): one server at <c>/servers/NAME/mcp</c>, all of them at the aggregated <c>/mcp</c>. The children's messages
/// come back here and go to the client: on the stream of the call they belong to, or on the session's GET stream.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The Ended token outlives EndAsync for late readers; the source holds no unmanaged state.")]
internal sealed partial class BridgeSession : IDownstream
{
    private readonly SessionRegistry _registry;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _ended = new();
    private readonly ConcurrentDictionary<SessionStream, byte> _openStreams = new();
    private readonly TaskCompletionSource<McpServer> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _callsAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<RequestId, CancellationTokenSource> _directCalls = new();
    private volatile SessionMember[] _members;
    private volatile AggregateScope _scope;
    private long _lastActivity;
    private long _lastSeenBySdk;
    private int _inFlight;
    private int _ending;

    /// <summary>How long an ending session waits for its running calls' error answers to go out before it closes their streams.</summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(2);

    public BridgeSession(string id, string publicId, IReadOnlyList<SessionMember> members, SessionRegistry registry, ILogger logger,
        AggregateRouter? aggregate = null)
    {
        Id = id;
        PublicId = publicId;
        _members = [.. members];
        Aggregate = aggregate;
        Endpoint = aggregate is null ? members[0].Server.Name : AggregateRouter.EndpointName;
        _registry = registry;
        _logger = logger;
        _lastActivity = registry.TimeProvider.GetTimestamp();
        _lastSeenBySdk = _lastActivity;
        foreach (var member in members)
        {
            member.Bind(this, publicId);
        }

        _scope = new AggregateScope(_members, id);
    }

    /// <summary>The session's id in the SDK and in the gateway's logs.</summary>
    public string Id { get; }

    /// <summary>
    /// The headers of the request that opened an aggregated session (in memory only, never logged), so that a server
    /// that joins it on a configuration reload gets its <c>HeaderEnv</c> values as the session's other servers did;
    /// <see langword="null"/> for a session of one server, whose set of servers never changes.
    /// </summary>
    public IHeaderDictionary? OpeningHeaders { get; init; }

    /// <summary>The id the client sees in <c>Mcp-Session-Id</c> (<c>REPLICA.ID</c>), which spans carry.</summary>
    public string PublicId { get; }

    /// <summary>The servers of the session: one, or every configured server for the aggregated endpoint.</summary>
    public IReadOnlyList<SessionMember> Members => _members;

    /// <summary>How requests are spread over the members of an aggregated session; <see langword="null"/> for one server.</summary>
    public AggregateRouter? Aggregate { get; }

    /// <summary>The endpoint the session belongs to: its server's name, or <see cref="AggregateRouter.EndpointName"/>.</summary>
    public string Endpoint { get; }

    /// <summary>Whether <paramref name="server"/> serves this session.</summary>
    public bool Serves(ServerRuntime server)
    {
        foreach (var member in Members)
        {
            if (member.Server == server)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Who created the session (<see cref="CallerIdentity"/>); only the same caller may use it. Null when anonymous.</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// Why the session cannot serve anything: its server could not start (for an aggregated session: none could), answered
    /// to the client's <c>initialize</c>; <see langword="null"/> otherwise.
    /// </summary>
    public string? StartError => Members.All(member => member.StartError is not null)
        ? string.Join(" ", Members.Select(member => member.StartError))
        : null;

    /// <summary>Whether the session has begun to end: its id already answers 404, and <see cref="Ended"/> follows.</summary>
    public bool IsEnding => Volatile.Read(ref _ending) == 1;

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
    /// Starts every member's child at once (a shared server's members take a pool child), and watches the children
    /// the session owns: one that exits ends a single-server session, or takes its server out of an aggregated one.
    /// </summary>
    public async Task StartMembersAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Members.Select(member => member.StartAsync(Id, cancellationToken)));
        foreach (var member in Members)
        {
            if (member.Child is { } child)
            {
                _ = WatchMemberAsync(member, child);
            }
        }
    }

    /// <summary>Gives the session the SDK's server object, through which messages reach the client.</summary>
    public void Attach(McpServer server) => _server.TrySetResult(server);

    /// <summary>Keeps an open HTTP stream of the session, so that ending the session also ends the stream.</summary>
    public SessionStream TrackStream(HttpContext context)
    {
        var stream = new SessionStream(context);
        _openStreams[stream] = 0;
        return stream;
    }

    /// <summary>The stream's request is leaving the pipeline: ending the session no longer touches it.</summary>
    public void UntrackStream(SessionStream stream)
    {
        stream.Finish();
        _openStreams.TryRemove(stream, out _);
    }

    /// <summary>Forwards a client's request to the child and sends the answer back with <paramref name="reply"/> (on the request's stream).</summary>
    public async Task ForwardAsync(JsonRpcRequest request, Func<JsonRpcMessage, CancellationToken, Task> reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var answer = Aggregate is { } aggregate
                ? await aggregate.ForwardAsync(request, _scope, cancellationToken)
                : await Members[0].ForwardAsync(request, cancellationToken);
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
                else if (Aggregate is null && !Members[0].Server.IsShared && !Members[0].IsRunning)
                {
                    _ = EndAsync("its MCP server is not running");
                }
            }
        }
    }

    /// <summary>
    /// After a configuration reload, an aggregated session's servers: the <paramref name="leaving"/> ones stop serving it
    /// (their children of this session stop), the <paramref name="joining"/> ones start for it with the variables their
    /// <c>HeaderEnv</c> takes from the headers that opened the session, and the client is told that its lists changed.
    /// </summary>
    public async Task ReplaceMembersAsync(IReadOnlyCollection<ServerRuntime> leaving, IReadOnlyCollection<ServerRuntime> joining)
    {
        var joined = joining
            .Select(server => new SessionMember(server, OpeningHeaders is { } headers ? ChildEnvironment.FromHeaders(server.Options, headers) : null, _logger))
            .ToArray();
        foreach (var member in joined)
        {
            member.Bind(this, PublicId);
        }

        await Task.WhenAll(joined.Select(member => member.StartAsync(Id, CancellationToken.None)));
        var left = _members.Where(member => leaving.Contains(member.Server)).ToArray();
        _members = [.. _members.Except(left), .. joined];
        _scope = new AggregateScope(_members, Id);
        foreach (var member in joined)
        {
            if (member.Child is { } child)
            {
                _ = WatchMemberAsync(member, child);
            }
        }

        await Task.WhenAll(left.Select(member => member.Child is { } child ? child.DisposeAsync().AsTask() : Task.CompletedTask));
        foreach (var method in new[] { NotificationMethods.ToolListChangedNotification, NotificationMethods.PromptListChangedNotification, NotificationMethods.ResourceListChangedNotification })
        {
            await NotifyAsync(new JsonRpcNotification { Method = method }, null, CancellationToken.None);
        }
    }

    /// <summary>Tells the session's client that its lists may have changed (an aggregated session lost a server).</summary>
    public async Task NotifyListsChangedAsync(Relay.ChildConnection lost)
    {
        var capabilities = lost.InitializeResult.Capabilities;
        foreach (var (present, method) in new[]
        {
            (capabilities.Tools is not null, NotificationMethods.ToolListChangedNotification),
            (capabilities.Prompts is not null, NotificationMethods.PromptListChangedNotification),
            (capabilities.Resources is not null, NotificationMethods.ResourceListChangedNotification),
        })
        {
            if (present)
            {
                await NotifyAsync(new JsonRpcNotification { Method = method }, null, CancellationToken.None);
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

        LogEnded(_logger, Endpoint, Id, reason);
        _registry.Remove(this);

        // Stopping the children fails their pending calls, whose error answers go out on their own streams.
        await Task.WhenAll(Members.Select(member => member.Child is { } child ? child.DisposeAsync().AsTask() : Task.CompletedTask));

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

    private async Task WatchMemberAsync(SessionMember member, ChildConnection child)
    {
        var exit = await child.Exited;
        if (exit.StoppedByGateway || Volatile.Read(ref _ending) == 1)
        {
            return;
        }

        if (Aggregate is null)
        {
            if (Volatile.Read(ref _inFlight) == 0)
            {
                await EndAsync("its MCP server exited");
            }

            return;
        }

        // An aggregated session keeps its other servers: only this one's tools, prompts and resources go away.
        LogMemberLost(_logger, member.Server.Name, Id, exit.Describe(member.Server.Name));
        await NotifyListsChangedAsync(child);
    }

    /// <summary>Removes a request relayed past the SDK from the session's running calls.</summary>
    public readonly struct DirectCallRegistration(
        ConcurrentDictionary<RequestId, CancellationTokenSource> calls, RequestId id, CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose() => calls.TryRemove(new KeyValuePair<RequestId, CancellationTokenSource>(id, cancellation));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregated session {SessionId}: MCP server {Server} is gone, its entries leave the session's lists: {Reason}")]
    private static partial void LogMemberLost(ILogger logger, string server, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of {Server} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string server, string sessionId, string reason);
}
