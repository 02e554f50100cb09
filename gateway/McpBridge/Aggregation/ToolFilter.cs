using System.Text.Json.Nodes;
using McpBridge.Configuration;
using McpBridge.Relay;
using ModelContextProtocol.Protocol;

namespace McpBridge.Aggregation;

/// <summary>
/// A server's <c>Tools:Allow</c> and <c>Tools:Deny</c>: which of its tools the gateway lists and lets be called. A tool
/// it filters out is answered as an unknown one, so a client cannot tell the two apart.
/// </summary>
internal sealed class ToolFilter
{
    private readonly string[] _allow;
    private readonly string[] _deny;

    private ToolFilter(string[] allow, string[] deny)
    {
        _allow = allow;
        _deny = deny;
    }

    /// <summary>The filter of <paramref name="tools"/>; <see langword="null"/> when it lets every tool through.</summary>
    public static ToolFilter? From(ToolsOptions tools) =>
        tools.Allow.Count == 0 && tools.Deny.Count == 0 ? null : new ToolFilter([.. tools.Allow], [.. tools.Deny]);

    /// <summary>Whether the tool named <paramref name="name"/> is served.</summary>
    public bool Allows(string name) =>
        (_allow.Length == 0 || _allow.Any(glob => Glob.Matches(glob, name))) && !_deny.Any(glob => Glob.Matches(glob, name));

    /// <summary>
    /// Applies the filter to a request and its answer: a <c>tools/call</c> of a filtered tool gets the unknown-tool error
    /// (<see langword="true"/>, with <paramref name="refusal"/>) instead of reaching the child.
    /// </summary>
    public bool Refuses(JsonRpcRequest request, out JsonRpcError refusal)
    {
        if (request.Method == RequestMethods.ToolsCall && ToolName(request) is { } name && !Allows(name))
        {
            refusal = UnknownTool(request.Id, name);
            return true;
        }

        refusal = null!;
        return false;
    }

    /// <summary>Takes the filtered tools out of a <c>tools/list</c> answer (in place).</summary>
    public void Apply(JsonRpcRequest request, JsonRpcMessage answer)
    {
        if (request.Method != RequestMethods.ToolsList || answer is not JsonRpcResponse { Result: JsonObject result } ||
            result["tools"] is not JsonArray tools)
        {
            return;
        }

        for (var i = tools.Count - 1; i >= 0; i--)
        {
            if (tools[i]?["name"]?.GetValue<string>() is { } name && !Allows(name))
            {
                tools.RemoveAt(i);
            }
        }
    }

    /// <summary>The error for a tool that is not served, as the protocol describes it (-32602, "Unknown tool").</summary>
    public static JsonRpcError UnknownTool(RequestId id, string name) =>
        JsonRpc.Error(id, BridgeErrorCodes.InvalidParams, $"Unknown tool: {name}");

    /// <summary>The <c>params.name</c> of a request, when it is a string.</summary>
    public static string? ToolName(JsonRpcRequest request) =>
        request.Params is JsonObject parameters && parameters["name"] is JsonValue value && value.TryGetValue(out string? name) ? name : null;
}
