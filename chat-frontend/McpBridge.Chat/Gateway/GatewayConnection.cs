using McpBridge.Chat.Configuration;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Chat.Gateway;

/// <summary>
/// One MCP session with the gateway, shared by every chat. It is opened on first use and opened again when it is lost:
/// a gateway restart or an ended session (404) costs one reconnect, and a gateway that is down is an
/// <see cref="GatewayUnavailableException"/> with a reason until it is back.
/// </summary>
internal sealed partial class GatewayConnection(
    IOptions<GatewayOptions> options, ILoggerFactory loggerFactory, ILogger<GatewayConnection> logger) : IAsyncDisposable
{
    // The session revision: the gateway then keeps a session for us and pushes tools/list_changed on its stream.
    private const string ProtocolRevision = "2025-11-25";

    private readonly GatewayOptions _options = options.Value;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private McpClient? _client;
    private ToolList? _tools;
    private string? _error;
    private int _toolsVersion;

    public Uri Url => _options.Url;

    public GatewayStatus Status => new(Url, _client is { Completion.IsCompleted: false } && _error is null, _error, Volatile.Read(ref _toolsVersion));

    /// <summary>
    /// The gateway's tools, cached until the session changes or the gateway says the list changed. A cached list
    /// costs a ping, so a gateway that went away is noticed here, before Claude is asked anything.
    /// </summary>
    public Task<IList<McpClientTool>> ListToolsAsync(CancellationToken cancellationToken) =>
        UseAsync(async (client, ct) =>
        {
            if (_tools is { } cached && cached.Client == client)
            {
                await client.PingAsync(cancellationToken: ct);
                return cached.Tools;
            }

            var tools = await client.ListToolsAsync(cancellationToken: ct);
            _tools = new ToolList(client, tools);
            return tools;
        }, cancellationToken);

    /// <summary>Calls a tool. Tool errors come back as a result with <c>IsError</c>; only a lost gateway throws.</summary>
    public Task<CallToolResult> CallToolAsync(string name, IReadOnlyDictionary<string, object?>? arguments, CancellationToken cancellationToken) =>
        UseAsync(async (client, ct) => await client.CallToolAsync(name, arguments, cancellationToken: ct), cancellationToken);

    /// <summary>Checks the gateway with an MCP ping (reconnecting if needed) and returns the status.</summary>
    public async Task<GatewayStatus> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await UseAsync(async (client, ct) => await client.PingAsync(cancellationToken: ct), cancellationToken);
        }
        catch (GatewayUnavailableException)
        {
            // The status carries the reason.
        }

        return Status;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } client)
        {
            await DisposeQuietlyAsync(client);
        }

        _http.Dispose();
        _connectLock.Dispose();
    }

    private async Task<T> UseAsync<T>(Func<McpClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var client = await ConnectAsync(cancellationToken);
            try
            {
                var result = await operation(client, cancellationToken);
                _error = null;
                return result;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ConnectionFailure.IsConnectionLoss(client, ex))
            {
                var reason = ConnectionFailure.Describe(ex);
                LogConnectionLost(logger, Url, reason);
                Drop(client, reason);

                // A request the gateway never acted on is safe to send again, once, on a new session.
                if (attempt > 1 || !ConnectionFailure.WasNotProcessed(client, ex))
                {
                    throw new GatewayUnavailableException(Url, reason, ex);
                }
            }
        }
    }

    private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { Completion.IsCompleted: false } current)
        {
            return current;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_client is { } existing)
            {
                if (!existing.Completion.IsCompleted)
                {
                    return existing;
                }

                // The client noticed first (its GET stream broke): the same loss as a failed request, said the same way.
                LogConnectionLost(logger, Url, "the session ended");
                Drop(existing, "the session ended");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                var transport = new HttpClientTransport(
                    new HttpClientTransportOptions { Endpoint = Url, TransportMode = HttpTransportMode.StreamableHttp, Name = "gateway" },
                    _http,
                    loggerFactory);
                var client = await McpClient.CreateAsync(transport, ClientOptions(), loggerFactory, timeout.Token);
                _client = client;
                _error = null;
                Interlocked.Increment(ref _toolsVersion);
                LogConnected(logger, Url, client.ServerInfo?.Name ?? "?", client.SessionId);
                return client;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = ConnectionFailure.Describe(ex);
                _error = reason;
                LogUnreachable(logger, Url, reason);
                throw new GatewayUnavailableException(Url, reason, ex);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private McpClientOptions ClientOptions() => new()
    {
        ProtocolVersion = ProtocolRevision,
        ClientInfo = new Implementation { Name = "mcpbridge-chat", Version = typeof(GatewayConnection).Assembly.GetName().Version?.ToString() ?? "1.0.0" },
        InitializationTimeout = _options.ConnectTimeout,
        Handlers = new McpClientHandlers
        {
            NotificationHandlers =
            [
                new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                {
                    _tools = null;
                    Interlocked.Increment(ref _toolsVersion);
                    LogToolsChanged(logger, Url);
                    return ValueTask.CompletedTask;
                }),
            ],
        },
    };

    private void Drop(McpClient client, string reason)
    {
        _error = reason;
        if (Interlocked.CompareExchange(ref _client, null, client) == client)
        {
            _tools = null;
            Interlocked.Increment(ref _toolsVersion);

            // Closing may try a DELETE on a gateway that is gone: never let a caller wait for it.
            _ = DisposeQuietlyAsync(client);
        }
    }

    private async Task DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCloseFailed(logger, Url, ex.Message);
        }
    }

    private sealed record ToolList(McpClient Client, IList<McpClientTool> Tools);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the MCP gateway {Url} (server {ServerName}, session {SessionId})")]
    private static partial void LogConnected(ILogger logger, Uri url, string serverName, string? sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The MCP gateway {Url} is not reachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the session with the MCP gateway {Url}: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The MCP gateway {Url} says its tools changed")]
    private static partial void LogToolsChanged(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the old session with {Url} failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, Uri url, string reason);
}
