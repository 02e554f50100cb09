using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpBridge.Bench.Client;

/// <summary>
/// A Streamable HTTP MCP session over a shared <see cref="HttpClient"/>: raw POSTs, JSON or SSE answers, every
/// reply checked for its id and its call's token. Sequential: one request at a time per session.
/// </summary>
internal sealed class HttpMcpSession(HttpClient http, Uri endpoint, string clientName, string echoTool = "echo") : IMcpSession
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptSse = new("text/event-stream");

    // After the reply, the rest of an SSE body is read so that the connection can be reused; a server that
    // keeps the stream open past this costs one connection, not a stuck client.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private string? _sessionId;
    private string? _protocolVersion;
    private long _nextId;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        using var response = await SendAsync(HttpMethod.Post, JsonRpcMessages.Initialize(id, clientName), cancellationToken);
        _sessionId = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.FirstOrDefault() : null;
        string? version = null;
        await foreach (var message in ReadMessagesAsync(response, cancellationToken))
        {
            version = ReplyCheck.Initialize(message, id);
            if (version is not null)
            {
                break;
            }
        }

        _protocolVersion = version ?? throw new McpBenchException("no answer to initialize");
        await DrainAsync(response, cancellationToken);

        using var initialized = await SendAsync(HttpMethod.Post, JsonRpcMessages.Initialized, cancellationToken);
        if (initialized.StatusCode is not HttpStatusCode.Accepted and not HttpStatusCode.OK and not HttpStatusCode.NoContent)
        {
            throw new McpBenchException($"notifications/initialized answered {(int)initialized.StatusCode}");
        }
    }

    public async Task<CallOutcome> CallEchoAsync(string uid, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Post, JsonRpcMessages.CallEcho(id, uid, echoTool), cancellationToken);
        }
        catch (McpBenchException e)
        {
            return CallOutcome.Error(e.Message);
        }
        catch (HttpRequestException e)
        {
            return CallOutcome.Error($"HTTP: {e.Message}");
        }

        using (response)
        {
            try
            {
                await foreach (var message in ReadMessagesAsync(response, cancellationToken))
                {
                    if (ReplyCheck.Echo(message, id, uid) is { } outcome)
                    {
                        await DrainAsync(response, cancellationToken);
                        return outcome;
                    }
                }
            }
            catch (IOException e)
            {
                return CallOutcome.Error($"response stream broke: {e.Message}");
            }
            catch (HttpRequestException e)
            {
                return CallOutcome.Error($"HTTP: {e.Message}");
            }

            return CallOutcome.Error("response ended without a reply");
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_sessionId is null)
        {
            return;
        }

        try
        {
            using var response = await SendAsync(HttpMethod.Delete, null, cancellationToken);
        }
        catch (Exception e) when (e is McpBenchException or HttpRequestException or OperationCanceledException)
        {
            // Closing is best effort: the gateway's idle reaping ends what a lost DELETE leaves.
        }

        _sessionId = null;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, endpoint) { Version = HttpVersion.Version11 };
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.Accept.Add(AcceptSse);
        if (_sessionId is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", _sessionId);
        }

        if (_protocolVersion is not null)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", _protocolVersion);
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) { Headers = { ContentType = JsonType } };
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new McpBenchException($"HTTP {(int)response.StatusCode}: {(body.Length > 160 ? body[..160] : body)}");
        }

        return response;
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadMessagesAsync(
        HttpResponseMessage response, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var data in SseReader.ReadDataAsync(body, cancellationToken))
            {
                yield return Encoding.UTF8.GetBytes(data);
            }
        }
        else if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            yield return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        else
        {
            throw new McpBenchException($"unexpected Content-Type '{mediaType}' ({(int)response.StatusCode})");
        }
    }

    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DrainLimit);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(limit.Token);
            var buffer = new byte[1024];
            while (await body.ReadAsync(buffer, limit.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }
}
