using McpBridge.Aggregation;
using McpBridge.Relay;
using McpBridge.Telemetry;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>
/// One server's part of a session: the session's own child (policy <c>isolated</c>) or a place on the shared pool,
/// and the server's tool filter. A session of <c>/servers/NAME/mcp</c> has one; an aggregated session one per server.
/// </summary>
internal sealed partial class SessionMember(ServerRuntime server, IReadOnlyDictionary<string, string>? childVariables, ILogger logger)
    : IAggregateMember
{
    private IDownstream _session = null!;
    private string? _sessionId;
    private bool _stateless;

    /// <summary>
    /// A member for one stateless (2026-07-28) request of the aggregated endpoint: served by the server's stateless
    /// child (or its pool), whose questions to the client the request's own forwarder relays.
    /// </summary>
    public static SessionMember ForStatelessRequest(ServerRuntime server, ILogger logger)
    {
        var member = new SessionMember(server, null, logger) { _stateless = true };
        member.Bind(DetachedDownstream.Instance, null);
        return member;
    }

    public ServerRuntime Server { get; } = server;

    /// <summary>How the server's tool and prompt names appear on the aggregated endpoint.</summary>
    public NamePrefix Prefix => Server.Prefix;

    /// <inheritdoc/>
    public ServerCapabilities Capabilities => Identity!.InitializeResult.Capabilities;

    /// <summary>Makes the member part of <paramref name="session"/>, whose client its children's messages reach.</summary>
    public void Bind(IDownstream session, string? publicSessionId)
    {
        _session = session;
        _sessionId = publicSessionId;
    }

    /// <summary>The member's own child, once started; <see langword="null"/> for a shared server, while starting, or when it could not start.</summary>
    public ChildConnection? Child { get; private set; }

    /// <summary>The child whose server info and capabilities the member shows: its own, or one of the shared pool.</summary>
    public ChildConnection? Identity { get; private set; }

    /// <summary>Why the child could not start, answered to the client's requests.</summary>
    public string? StartError { get; private set; }

    /// <summary>Whether the member can serve requests: started, and (when it has its own child) that child still runs.</summary>
    public bool IsRunning => Identity is not null && (Child is null || !Child.Exited.IsCompleted);

    /// <summary>
    /// Gets the member's child: a pool child for a shared server (whose identity the member mirrors), else its own,
    /// from the warm spares or started now. A failure is kept and answered to the client rather than thrown.
    /// </summary>
    public async Task StartAsync(string? sessionId, CancellationToken cancellationToken)
    {
        try
        {
            if (Server.IsShared || _stateless)
            {
                Identity = await Server.GetStatelessChildAsync(cancellationToken);
                return;
            }

            Child = await Server.TakeChildAsync(_session, childVariables, cancellationToken);
            Identity = Child;
            Child.SessionId = sessionId ?? "";
        }
        catch (Children.ChildStartException ex)
        {
            StartError = ex.Message;
            LogStartFailed(logger, Server.Name, sessionId ?? "(stateless)", ex.Message);
        }
    }

    /// <summary>
    /// Forwards a client's request to the member's child (or the pool) and returns the answer, the server's tool
    /// filter applied; a child that is gone or cannot start is an error answer. Cancellation throws.
    /// </summary>
    public async Task<JsonRpcMessage> ForwardAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var (owner, sessionId) = (_session, _sessionId);
        if (Server.ToolFilter is { } filter && filter.Refuses(request, out var refusal))
        {
            return refusal;
        }

        using var telemetry = RequestTelemetry.Start(Server.Metrics, request, Server, sessionId);
        telemetry?.SetChildPid(Child?.Pid);
        JsonRpcMessage answer;
        try
        {
            answer = Server.IsShared || _stateless
                ? await Server.ForwardStatelessAsync(request, owner, cancellationToken)
                : Child is { } child
                    ? await child.ForwardAsync(request, owner, cancellationToken)
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
            LogForwardFailed(logger, Server.Name, sessionId ?? "(stateless)", request.Method, ex);
            answer = JsonRpc.Error(request.Id, BridgeErrorCodes.InternalError, $"The gateway could not forward '{request.Method}': {ex.Message}");
        }

        Server.ToolFilter?.Apply(request, answer);
        telemetry?.Complete(answer);
        return answer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} of {Server}: the MCP server could not start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string server, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} of {Server}: forwarding {Method} failed")]
    private static partial void LogForwardFailed(ILogger logger, string server, string sessionId, string method, Exception exception);
}
