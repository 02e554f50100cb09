using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using McpBridge.Relay;
using McpBridge.Sessions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>
/// One call of a 2026-07-28 client, which has no session: when the child asks the client something in the middle
/// of it (sampling, elicitation, roots), the call pauses, the client gets an input-required result, and its
/// retry carries the answers back to the waiting child.
/// </summary>
internal sealed class StatelessCall : IDownstream, IDisposable
{
    private readonly Channel<InputRequest> _inputs = Channel.CreateUnbounded<InputRequest>();
    private readonly ConcurrentDictionary<string, InputRequest> _outstanding = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private TaskCompletionSource<JsonRpcMessage> _refusal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(25);
    private int _nextKey;

    /// <summary>
    /// The <c>_meta</c> key by which a child may name what it asks (<c>"user_name"</c>); the name becomes the
    /// input-required key, so a client that knows a tool's inputs can answer them ahead in <c>inputResponses</c>.
    /// </summary>
    public const string InputKeyMeta = "mcpbridge/inputKey";

    private readonly JsonObject? _answeredAhead;

    public StatelessCall(McpServer server, JsonRpcRequest request)
    {
        Server = server;
        Request = request;
        _answeredAhead = request.Params?["inputResponses"] as JsonObject;
    }

    /// <summary>Who made the call (<see cref="CallerIdentity"/>); only the same caller may resume it. Null when anonymous.</summary>
    public string? Owner { get; init; }

    /// <summary>The SDK server of the HTTP request now being answered (each retry brings a new one).</summary>
    public McpServer Server { get; private set; }

    /// <summary>The client's request now being answered: the first one, then each retry.</summary>
    public JsonRpcRequest Request { get; private set; }

    /// <summary>The child's final answer to the call.</summary>
    public Task<JsonRpcMessage> Answer { get; set; } = Task.FromResult<JsonRpcMessage>(null!);

    /// <summary>Cancelled when the call is abandoned: the client went away or never retried.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>The pid of the child serving the call, when a span recorded it: the retries' spans carry it too.</summary>
    public int? ChildPid { get; set; }

    /// <summary>Whether the call waits for the client's retry.</summary>
    public bool IsAwaitingClient { get; private set; }

    /// <summary>Marks the call as waiting for the client's retry.</summary>
    public void Pause() => IsAwaitingClient = true;

    /// <summary>
    /// Takes up a retry: the new request's stream, and the client's answers to the outstanding input requests.
    /// Questions it leaves unanswered, or answers with something that is not a result object, are asked again.
    /// </summary>
    public void Resume(McpServer server, JsonRpcRequest retry)
    {
        Server = server;
        Request = retry;
        IsAwaitingClient = false;
        var responses = retry.Params?["inputResponses"] as JsonObject;
        foreach (var (key, input) in _outstanding)
        {
            // A result is a JSON object; anything else cannot be an answer, so the question is asked again.
            if (responses?[key] is JsonObject response)
            {
                input.Answer.TrySetResult(new JsonRpcResponse { Id = input.Request.Id, Result = response.DeepClone() });
                _outstanding.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// The call's outcome for the client when it is not an input request: the child's answer, or the error that
    /// refused the call because the client lacks a capability the child asked for.
    /// </summary>
    public Task<JsonRpcMessage> Outcome { get; private set; } = null!;

    /// <summary>Waits until the call has an outcome or the child asks the client something; the latter is <see langword="true"/>.</summary>
    public async Task<bool> WaitForInputOrAnswerAsync(CancellationToken cancellationToken)
    {
        if (!_outstanding.IsEmpty)
        {
            // The retry left questions unanswered: ask them again.
            return true;
        }

        var input = _inputs.Reader.WaitToReadAsync(cancellationToken).AsTask();
        var refusalSource = _refusal;
        var refusal = refusalSource.Task;
        var first = await Task.WhenAny(Answer, refusal, input);
        if (first == refusal)
        {
            // A child that asks for several inputs at once may ask first for one the client cannot give (refused to the
            // child with an error) and then for one it can. Which comes first is up to the child's scheduling, so a
            // question within the quiet period wins: the call becomes an input-required result for what the client
            // declared. Only a child that asks for nothing the client can give gets the call refused.
            first = await Task.WhenAny(input, Task.Delay(QuietPeriod, cancellationToken)) == input ? input : refusal;
        }

        if (first != input)
        {
            Outcome = (Task<JsonRpcMessage>)first;
            return false;
        }

        // Questions the child asks together (one after another, each a write of its own) belong in one
        // input-required result: keep collecting until the child has been quiet for a moment.
        do
        {
            while (_inputs.Reader.TryRead(out var request))
            {
                _outstanding[request.Key] = request;
            }
        }
        while (await Task.WhenAny(_inputs.Reader.WaitToReadAsync(cancellationToken).AsTask(), Task.Delay(QuietPeriod, cancellationToken)) is Task<bool>);

        if (refusal.IsCompleted)
        {
            // The child was told it cannot have that input, and the client is asked for the others: the retry that
            // answers them must not be refused for it.
            Interlocked.CompareExchange(ref _refusal, new(TaskCreationOptions.RunContinuationsAsynchronously), refusalSource);
        }

        return !_outstanding.IsEmpty || await WaitForInputOrAnswerAsync(cancellationToken);
    }

    /// <summary>The input-required result that asks the client for the outstanding inputs.</summary>
    public JsonObject InputRequiredResult(string requestState)
    {
        var inputRequests = new JsonObject();
        foreach (var (key, input) in _outstanding)
        {
            inputRequests[key] = new JsonObject { ["method"] = input.Request.Method, ["params"] = input.Request.Params?.DeepClone() };
        }

        return new JsonObject
        {
            ["resultType"] = "input_required",
            ["inputRequests"] = inputRequests,
            ["requestState"] = requestState,
        };
    }

    public async ValueTask NotifyAsync(JsonRpcNotification notification, PendingCall? call, CancellationToken cancellationToken)
    {
        // The request's own server object sends on the request's stream.
        await Server.SendMessageAsync(new JsonRpcNotification { Method = notification.Method, Params = notification.Params }, cancellationToken);
    }

    public async Task<JsonRpcMessage> RequestAsync(JsonRpcRequest request, PendingCall? call, CancellationToken cancellationToken)
    {
        if (ClientCapabilityCheck.Missing(Request.Context?.ClientCapabilities, request.Method) is { } missing)
        {
            // 2026-07-28: a request that needs a capability the client did not declare is refused with -32021.
            var message = $"The MCP server needs the client capability '{missing}' ('{request.Method}'), which this request did not declare.";
            _refusal.TrySetResult(JsonRpc.Error(Request.Id, BridgeErrorCodes.MissingRequiredClientCapability, message,
                new JsonObject { ["requiredCapabilities"] = new JsonObject { [missing] = new JsonObject() } }));
            return JsonRpc.Error(request.Id, BridgeErrorCodes.MethodNotFound, message);
        }

        var key = request.Params?["_meta"]?[InputKeyMeta] is JsonValue named && named.TryGetValue(out string? name) && name.Length is > 0 and <= 100
            ? name
            : $"input-{Interlocked.Increment(ref _nextKey)}";
        if (_answeredAhead?[key] is JsonObject answer)
        {
            // The client answered this question in the request itself.
            return new JsonRpcResponse { Id = request.Id, Result = answer.DeepClone() };
        }

        var input = new InputRequest(_outstanding.ContainsKey(key) ? $"{key}-{Interlocked.Increment(ref _nextKey)}" : key, request);
        await _inputs.Writer.WriteAsync(input, cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        return await input.Answer.Task.WaitAsync(linked.Token);
    }

    /// <summary>Abandons the call: the child's request is cancelled and its waiting questions are dropped.</summary>
    public void Cancel() => _lifetime.Cancel();

    public void Dispose() => _lifetime.Dispose();

    /// <summary>A question of the child waiting for the client's answer.</summary>
    private sealed record InputRequest(string Key, JsonRpcRequest Request)
    {
        public TaskCompletionSource<JsonRpcMessage> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
