using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// A raw client of the 2024-11-05 HTTP+SSE transport, for tests that look at statuses and streams themselves: it opens
/// <c>GET .../sse</c>, reads the stream's messages as they come, and posts to the endpoint its first event names.
/// Disposing it closes the stream, which ends the session.
/// </summary>
internal sealed class LegacySseClient : IAsyncDisposable
{
    public const string Revision = "2024-11-05";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Channel<JsonNode> _messages = Channel.CreateUnbounded<JsonNode>();
    private readonly CancellationTokenSource _closing = new();
    private readonly string? _key;
    private HttpResponseMessage? _stream;
    private Task _reading = Task.CompletedTask;

    private LegacySseClient(string? key) => _key = key;

    /// <summary>The message endpoint the stream announced, absolute.</summary>
    public Uri MessageEndpoint { get; private set; } = null!;

    /// <summary>The <c>sessionId</c> of <see cref="MessageEndpoint"/>.</summary>
    public string SessionId => System.Web.HttpUtility.ParseQueryString(MessageEndpoint.Query)["sessionId"]!;

    /// <summary>Completes when the gateway has ended the stream.</summary>
    public Task Closed => _reading;

    /// <summary>Opens the stream at <paramref name="sseUrl"/> and waits for its endpoint event.</summary>
    public static async Task<LegacySseClient> OpenAsync(Uri sseUrl, string? key = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = new LegacySseClient(key);
        try
        {
            using var request = RawMcp.WithIdentity(new HttpRequestMessage(HttpMethod.Get, sseUrl), key, sessionId: null);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.Add(name, value);
            }

            client._stream = await client._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Timeout);
            if (client._stream.StatusCode != HttpStatusCode.OK)
            {
                Assert.Fail($"GET {sseUrl} answered {(int)client._stream.StatusCode}: {await client._stream.Content.ReadAsStringAsync()}");
            }

            Assert.Equal("text/event-stream", client._stream.Content.Headers.ContentType?.MediaType);
            var events = SseParser.Create(await client._stream.Content.ReadAsStreamAsync()).EnumerateAsync(client._closing.Token).GetAsyncEnumerator();
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TestContext.Timeout), "The stream ended before its endpoint event.");
            Assert.Equal("endpoint", events.Current.EventType);
            client.MessageEndpoint = new Uri(sseUrl, events.Current.Data);
            client._reading = client.ReadAsync(events);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Posts one message to the session, with this client's key unless <paramref name="key"/> says otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string? key = null, Uri? endpoint = null) =>
        _http.SendAsync(
            RawMcp.WithIdentity(new HttpRequestMessage(HttpMethod.Post, endpoint ?? MessageEndpoint)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }, key ?? _key, sessionId: null),
            TestContext.Timeout);

    /// <summary>The next message on the stream that <paramref name="match"/> accepts (others are skipped).</summary>
    public async Task<JsonNode> NextMessageAsync(Func<JsonNode, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Timeout);
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>The answer on the stream to the request with id <paramref name="id"/>.</summary>
    public Task<JsonNode> AnswerToAsync(int id) =>
        NextMessageAsync(message => message["id"] is JsonValue value && value.TryGetValue(out int number) && number == id && message["method"] is null);

    /// <summary>Posts a request and returns its answer from the stream, after checking that the POST got 202.</summary>
    public async Task<JsonNode> RequestAsync(int id, string method, JsonObject? parameters = null)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            request["params"] = parameters;
        }

        using var posted = await PostAsync(request.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return await AnswerToAsync(id);
    }

    /// <summary>The handshake of a 2024-11-05 client; returns the initialize result.</summary>
    public async Task<JsonNode> InitializeAsync(JsonObject? capabilities = null)
    {
        var answer = await RequestAsync(1, "initialize", new JsonObject
        {
            ["protocolVersion"] = Revision,
            ["capabilities"] = capabilities ?? [],
            ["clientInfo"] = new JsonObject { ["name"] = "raw-legacy-sse", ["version"] = "1" },
        });
        using var initialized = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return answer["result"] ?? throw new InvalidOperationException($"initialize failed: {answer.ToJsonString()}");
    }

    /// <summary>Calls a tool and returns the text of its first content block.</summary>
    public async Task<string> CallToolTextAsync(int id, string tool, JsonObject? arguments = null)
    {
        var answer = await RequestAsync(id, "tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? [] });
        return (string?)answer["result"]?["content"]?[0]?["text"] ?? throw new InvalidOperationException($"{tool} failed: {answer.ToJsonString()}");
    }

    /// <summary>Answers the child's <c>sampling/createMessage</c> <paramref name="question"/> with a text.</summary>
    public Task<HttpResponseMessage> AnswerSamplingAsync(JsonNode question, string text) => PostAsync(new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = question["id"]!.DeepClone(),
        ["result"] = new JsonObject { ["role"] = "assistant", ["model"] = "raw", ["content"] = new JsonObject { ["type"] = "text", ["text"] = text } },
    }.ToJsonString());

    /// <summary>Posts a <c>tools/call</c> of <c>test_sampling</c> (its POST is held until the call ends) and waits for the child's question.</summary>
    public async Task<(Task<HttpResponseMessage> Call, JsonNode Question)> StartSamplingCallAsync(int id)
    {
        var call = PostAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = "test_sampling", ["arguments"] = new JsonObject { ["prompt"] = "hi" } },
        }.ToJsonString());
        return (call, await NextMessageAsync(message => (string?)message["method"] == "sampling/createMessage"));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _stream?.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _closing.Dispose();
    }

    private async Task ReadAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        try
        {
            while (await events.MoveNextAsync())
            {
                if (events.Current.EventType == "message" && JsonNode.Parse(events.Current.Data) is { } message)
                {
                    await _messages.Writer.WriteAsync(message);
                }
            }
        }
        catch (Exception) when (_closing.IsCancellationRequested)
        {
            // Closed by this client.
        }
        catch (HttpIOException)
        {
            // The gateway aborted the stream: that is an end too.
        }
        finally
        {
            _messages.Writer.TryComplete();
            await events.DisposeAsync();
        }
    }
}
