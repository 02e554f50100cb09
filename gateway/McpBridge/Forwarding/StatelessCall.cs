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
    private readonly TaskCompletionSource<JsonRpcMessage> _refusal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextKey;

    public StatelessCall(McpServer server, JsonRpcRequest request)
    {
        Server = server;
        Request = request;
    }

    /// <summary>The SDK server of the HTTP request now being answered (each retry brings a new one).</summary>
    public McpServer Server { get; private set; }

    /// <summary>The client's request now being answered: the first one, then each retry.</summary>
    public JsonRpcRequest Request { get; private set; }

    /// <summary>The child's final answer to the call.</summary>
    public Task<JsonRpcMessage> Answer { get; set; } = Task.FromResult<JsonRpcMessage>(null!);

    /// <summary>Cancelled when the call is abandoned: the client went away or never retried.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Takes up a retry: the new request's stream, and the client's answers to the outstanding input requests.</summary>
    public string? Resume(McpServer server, JsonRpcRequest retry)
    {
        Server = server;
        Request = retry;
        var responses = retry.Params?["inputResponses"] as JsonObject;
        List<string> missing = [];
        foreach (var (key, input) in _outstanding)
        {
            if (responses?[key] is { } response)
            {
                input.Answer.TrySetResult(new JsonRpcResponse { Id = input.Request.Id, Result = response.DeepClone() });
                _outstanding.TryRemove(key, out _);
            }
            else
            {
                missing.Add(key);
            }
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    /// <summary>
    /// The call's outcome for the client when it is not an input request: the child's answer, or the error that
    /// refused the call because the client lacks a capability the child asked for.
    /// </summary>
    public Task<JsonRpcMessage> Outcome { get; private set; } = null!;

    /// <summary>Waits until the call has an outcome or the child asks the client something; the latter is <see langword="true"/>.</summary>
    public async Task<bool> WaitForInputOrAnswerAsync(CancellationToken cancellationToken)
    {
        var input = _inputs.Reader.WaitToReadAsync(cancellationToken).AsTask();
        var first = await Task.WhenAny(Answer, _refusal.Task, input);
        if (first != input)
        {
            Outcome = (Task<JsonRpcMessage>)first;
            return false;
        }

        // Requests the child sent together belong in one input-required result.
        await Task.Yield();
        while (_inputs.Reader.TryRead(out var request))
        {
            _outstanding[request.Key] = request;
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

        var input = new InputRequest($"input-{Interlocked.Increment(ref _nextKey)}", request);
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
