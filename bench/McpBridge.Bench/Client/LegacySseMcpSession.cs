using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;

namespace McpBridge.Bench.Client;

/// <summary>
/// A session of the legacy 2024-11-05 HTTP+SSE transport over a shared <see cref="HttpClient"/>: one <c>GET /sse</c>
/// stream per session, whose first event names the message endpoint; each request is a POST there and its reply comes
/// on the stream, checked as <see cref="HttpMcpSession"/> checks its own. Sequential: one request at a time. Closing
/// closes the stream, which ends the session.
/// </summary>
internal sealed class LegacySseMcpSession(HttpClient http, Uri sseEndpoint, string clientName) : IMcpSession
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _closing = new();
    private HttpResponseMessage? _stream;
    private Task _reading = Task.CompletedTask;
    private Uri? _messageEndpoint;
    private long _nextId;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, sseEndpoint) { Version = HttpVersion.Version11 };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        _stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!_stream.IsSuccessStatusCode)
        {
            throw new McpBenchException($"GET {sseEndpoint.AbsolutePath}: HTTP {(int)_stream.StatusCode}");
        }

        var body = await _stream.Content.ReadAsStreamAsync(cancellationToken);
        var events = SseReader.ReadDataAsync(body, _closing.Token).GetAsyncEnumerator(_closing.Token);
        if (!await events.MoveNextAsync())
        {
            throw new McpBenchException("the SSE stream ended before its endpoint event");
        }

        _messageEndpoint = new Uri(sseEndpoint, events.Current);
        _reading = ReadAsync(events);

        var id = ++_nextId;
        await PostAsync(JsonRpcMessages.Initialize(id, clientName), cancellationToken);
        while (ReplyCheck.Initialize(Encoding.UTF8.GetBytes(await NextMessageAsync(cancellationToken)), id) is null)
        {
        }

        await PostAsync(JsonRpcMessages.Initialized, cancellationToken);
    }

    public async Task<CallOutcome> CallEchoAsync(string uid, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        try
        {
            // The gateway answers the POST once the reply is on the stream: read both.
            var posted = PostAsync(JsonRpcMessages.CallEcho(id, uid), cancellationToken);
            CallOutcome? outcome = null;
            while (outcome is null)
            {
                outcome = ReplyCheck.Echo(Encoding.UTF8.GetBytes(await NextMessageAsync(cancellationToken)), id, uid);
            }

            await posted;
            return outcome.Value;
        }
        catch (McpBenchException e)
        {
            return CallOutcome.Error(e.Message);
        }
        catch (HttpRequestException e)
        {
            return CallOutcome.Error($"HTTP: {e.Message}");
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _closing.CancelAsync();
        _stream?.Dispose();
        _stream = null;
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(CancellationToken.None);
        _closing.Dispose();
    }

    private async Task PostAsync(string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messageEndpoint) { Version = HttpVersion.Version11 };
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) { Headers = { ContentType = JsonType } };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new McpBenchException($"POST {_messageEndpoint?.AbsolutePath}: HTTP {(int)response.StatusCode}: {(body.Length > 160 ? body[..160] : body)}");
        }
    }

    private async Task<string> NextMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _messages.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new McpBenchException("the SSE stream ended");
        }
    }

    private async Task ReadAsync(IAsyncEnumerator<string> events)
    {
        try
        {
            while (await events.MoveNextAsync())
            {
                _messages.Writer.TryWrite(events.Current);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed by this session, or the stream broke: either way no more replies come.
        }
        finally
        {
            _messages.Writer.TryComplete();
            await events.DisposeAsync();
        }
    }
}
