using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

/// <summary>A request forwarded to a child and not yet answered.</summary>
internal sealed class PendingCall(long childId, JsonRpcRequest downstreamRequest, IDownstream owner, JsonNode? progressToken)
{
    // The answer's waiter goes on on the thread that read the answer from the child's stdout, without a hand-off to
    // another thread: that hand-off was a good part of a call's cost. Nothing after it blocks (ChildProcess writes
    // asynchronously), so the stdout reader is held only until the answer is on its way to the client.
    private readonly TaskCompletionSource<JsonRpcMessage> _answer = new();

    /// <summary>The id the gateway gave the request on the child's side.</summary>
    public long ChildId { get; } = childId;

    /// <summary>The request as the MCP client sent it (its id, and its HTTP stream in <c>Context</c>).</summary>
    public JsonRpcRequest DownstreamRequest { get; } = downstreamRequest;

    /// <summary>Who receives the child's messages about this call.</summary>
    public IDownstream Owner { get; } = owner;

    /// <summary>The client's own progress token, replaced on the child's side by the gateway's.</summary>
    public JsonNode? ProgressToken { get; } = progressToken;

    public Task<JsonRpcMessage> Answer => _answer.Task;

    public bool Complete(JsonRpcMessage answer) => _answer.TrySetResult(answer);
}
