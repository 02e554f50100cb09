using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpBridge.Children;
using McpBridge.Configuration;
using McpBridge.Telemetry;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

/// <summary>
/// The gateway's MCP client connection to one child: it owns the request ids on the child's side, so calls of
/// any number of callers can share the child without crossing, and it routes what the child sends back
/// (answers, progress, notifications, its own requests) to the caller it belongs to.
/// </summary>
internal sealed partial class ChildConnection : IAsyncDisposable
{
    private const string GatewayProtocolVersion = "2025-11-25";

    private readonly string _server;
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<RequestId, CancellationTokenSource> _childRequests = new();
    private readonly CancellationTokenSource _closed = new();
    private ChildProcess _process = null!;
    private long _lastId;
    private InitializeResult? _initializeResult;
    private JsonObject? _initializeResultJson;
    private ListCache _lists = new(null);

    private ChildConnection(string server, ServerOptions options, IDownstream defaultDownstream, ILogger logger)
    {
        _server = server;
        _options = options;
        _logger = logger;
        DefaultDownstream = defaultDownstream;
    }

    /// <summary>The server this child runs.</summary>
    public string Server => _server;

    /// <summary>The child's process id.</summary>
    public int Pid => _process.Pid;

    /// <summary>What the child answered to <c>initialize</c>: its server info, capabilities and instructions.</summary>
    public InitializeResult InitializeResult => _initializeResult ?? throw new InvalidOperationException("The child is not initialized yet.");

    /// <summary>The child's <c>initialize</c> result as it sent it, fields the SDK's model does not know included.</summary>
    public JsonObject InitializeResultJson => _initializeResultJson ?? throw new InvalidOperationException("The child is not initialized yet.");

    /// <summary>Receives the child's messages that belong to no single call (list changes, logs, its requests between calls).</summary>
    public IDownstream DefaultDownstream { get; set; }

    /// <summary>Completes when the child process has ended.</summary>
    public Task<ChildExit> Exited => _process.Exited;

    /// <summary>The number of forwarded requests the child has not answered yet.</summary>
    public int InFlight => _pending.Count;

    /// <summary>The session the child serves, for its log lines.</summary>
    public string SessionId
    {
        get => _process.SessionId;
        set => _process.SessionId = value;
    }

    /// <summary>
    /// Starts the child's process; <see cref="InitializeAsync"/> then completes the MCP handshake. Its stderr lines go
    /// to <paramref name="stderrLogger"/>.
    /// </summary>
    public static ChildConnection Start(string server, ServerOptions options, IDownstream defaultDownstream, ILogger logger, ILogger stderrLogger)
    {
        var connection = new ChildConnection(server, options, defaultDownstream, logger);
        connection._process = ChildProcess.Start(server, options, connection.OnLineAsync, logger, stderrLogger);
        connection.WatchExit();
        return connection;
    }

    /// <summary>
    /// Forwards a client's request and returns the child's answer (a response or an error, with the child-side id).
    /// Gateway failures (child gone, timeout) come back as JSON-RPC errors too; cancellation throws, and so does
    /// <see cref="ChildUnavailableException"/> when the child was gone before it got the request.
    /// </summary>
    public async Task<JsonRpcMessage> ForwardAsync(JsonRpcRequest request, IDownstream owner, CancellationToken cancellationToken)
    {
        if (_lists.TryGet(request) is { } cached)
        {
            return new JsonRpcResponse { Id = request.Id, Result = cached };
        }

        var generation = _lists.Generation;
        var answer = await SendAsync(request, owner, _options.RequestTimeout, cancellationToken);
        _lists.Add(request, answer, generation);
        return answer;
    }

    private async Task<JsonRpcMessage> SendAsync(JsonRpcRequest request, IDownstream owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        BridgeDiagnostics.TagChild(Pid);
        var id = Interlocked.Increment(ref _lastId);
        var progressToken = JsonRpc.ProgressTokenOf(request.Params);
        var parameters = request.Params;
        if (progressToken is not null)
        {
            // Progress tokens are only unique per client; on a shared child the gateway's call id stands in for them.
            parameters = parameters!.DeepClone();
            parameters["_meta"]!["progressToken"] = id;
        }

        var call = new PendingCall(id, request, owner, progressToken);
        _pending[id] = call;
        try
        {
            var upstream = new JsonRpcRequest { Id = new RequestId(id), Method = request.Method, Params = parameters };
            try
            {
                await _process.WriteLineAsync(JsonRpc.SerializeLine(upstream), cancellationToken);
            }
            catch (IOException ex)
            {
                // The child never got the request, so another child may take it.
                throw new ChildUnavailableException((await UnavailableAsync(id)) is JsonRpcError { Error.Message: var why } ? why : ex.Message, ex);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
            deadline.CancelAfter(timeout);
            try
            {
                return await call.Answer.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (_closed.IsCancellationRequested)
            {
                return await UnavailableAsync(id);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogRequestTimedOut(_logger, _server, SessionId, request.Method, timeout);
                await CancelOnChildAsync(id, "The gateway's request timeout elapsed.");
                return JsonRpc.Error(new RequestId(id), BridgeErrorCodes.RequestTimeout,
                    $"The MCP server '{_server}' did not answer '{request.Method}' within {timeout.TotalSeconds:0.#} s " +
                    $"(Servers:{_server}:RequestTimeout); the request was cancelled.");
            }
            catch (OperationCanceledException)
            {
                await CancelOnChildAsync(id, "The client cancelled the request.");
                throw;
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a notification from the client side to the child (for example <c>notifications/roots/list_changed</c>).</summary>
    public async ValueTask NotifyAsync(JsonRpcNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WriteLineAsync(JsonRpc.SerializeLine(notification), cancellationToken);
        }
        catch (IOException ex)
        {
            LogNotifyFailed(_logger, _server, SessionId, notification.Method, ex.Message);
        }
    }

    /// <summary>Cancels the client's request with the given downstream id on the child's side.</summary>
    public async ValueTask CancelDownstreamAsync(RequestId downstreamId, IDownstream owner, string? reason)
    {
        foreach (var call in _pending.Values)
        {
            if (call.Owner == owner && call.DownstreamRequest.Id == downstreamId)
            {
                await CancelOnChildAsync(call.ChildId, reason);
            }
        }
    }

    /// <summary>Stops the child (close stdin, interrupt, kill) and fails what is still pending.</summary>
    public async Task<ChildExit> StopAsync() => await _process.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _closed.Dispose();
    }

    /// <summary>Completes the MCP handshake with the started child, or throws <see cref="ChildStartException"/>.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var initialize = new JsonRpcRequest
        {
            Method = RequestMethods.Initialize,
            Params = new JsonObject
            {
                ["protocolVersion"] = GatewayProtocolVersion,
                ["capabilities"] = new JsonObject
                {
                    ["roots"] = new JsonObject { ["listChanged"] = true },
                    ["sampling"] = new JsonObject(),
                    ["elicitation"] = new JsonObject { ["form"] = new JsonObject(), ["url"] = new JsonObject() },
                },
                ["clientInfo"] = new JsonObject { ["name"] = "mcpbridge", ["version"] = GatewayVersion.Value },
            },
        };

        var answer = await SendAsync(initialize, HandshakeDownstream.Instance, _options.StartupTimeout, cancellationToken);

        switch (answer)
        {
            case JsonRpcResponse { Result: JsonObject result }:
                _initializeResultJson = result;
                _initializeResult = result.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<InitializeResult>())
                    ?? throw new ChildStartException($"The MCP server '{_server}' answered 'initialize' with an empty result.");
                _lists = new ListCache(_initializeResult.Capabilities);
                break;
            case JsonRpcError { Error: var error } when error.Code == BridgeErrorCodes.RequestTimeout:
                throw new ChildStartException(
                    $"The MCP server '{_server}' did not answer 'initialize' within {_options.StartupTimeout.TotalSeconds:0.#} s " +
                    $"(Servers:{_server}:StartupTimeout).{StderrSuffix()}");
            case JsonRpcError { Error: var error } when error.Code == BridgeErrorCodes.ChildUnavailable:
                var exit = await _process.Exited;
                throw new ChildStartException($"The MCP server '{_server}' could not be started: {exit.Describe(_server)}");
            case JsonRpcError { Error: var error }:
                throw new ChildStartException($"The MCP server '{_server}' refused 'initialize': {error.Message} (code {error.Code}).{StderrSuffix()}");
            default:
                throw new ChildStartException($"The MCP server '{_server}' answered 'initialize' with no result.");
        }

        await NotifyAsync(new JsonRpcNotification { Method = NotificationMethods.InitializedNotification }, cancellationToken);
        LogInitialized(_logger, _server, Pid, _initializeResult.ServerInfo.Name, _initializeResult.ProtocolVersion);
    }

    private string StderrSuffix() => _process.StderrTail is { Length: > 0 } tail ? $" Its last stderr lines:\n{tail}" : "";

    private async Task<JsonRpcMessage> UnavailableAsync(long id)
    {
        var exit = await _process.Exited.WaitAsync(_options.ShutdownTimeout * 3).ConfigureAwait(false);
        return JsonRpc.Error(new RequestId(id), BridgeErrorCodes.ChildUnavailable, exit.Describe(_server));
    }

    private async ValueTask CancelOnChildAsync(long childId, string? reason)
    {
        var parameters = new JsonObject { ["requestId"] = childId };
        if (reason is not null)
        {
            parameters["reason"] = reason;
        }

        await NotifyAsync(new JsonRpcNotification { Method = NotificationMethods.CancelledNotification, Params = parameters }, CancellationToken.None);
    }

    private sealed class HandshakeDownstream : IDownstream
    {
        public static readonly HandshakeDownstream Instance = new();

        public ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken) => default;

        public Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken) =>
            Task.FromResult<JsonRpcMessage>(JsonRpc.Error(default, BridgeErrorCodes.MethodNotFound,
                $"'{request.Method}' cannot be answered before the handshake is complete."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server {Server} (pid {ChildPid}) initialized: {ServerName}, protocol {ProtocolVersion}")]
    private static partial void LogInitialized(ILogger logger, string server, int childPid, string serverName, string protocolVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} (session {SessionId}) did not answer {Method} within {Timeout}; cancelled it")]
    private static partial void LogRequestTimedOut(ILogger logger, string server, string sessionId, string method, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send {Method} to MCP server {Server} (session {SessionId}): {Reason}")]
    private static partial void LogNotifyFailed(ILogger logger, string server, string sessionId, string method, string reason);
}
