using System.Collections;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

/// <summary>Turns a child's answer into the answer to the client's request, and a client's error into one for the child.</summary>
internal static class Replies
{
    private const string RemotePrefix = "Request failed (remote): ";

    /// <summary>
    /// The child's result or error, unchanged but for the id (the client's again). Sent through the request's own
    /// (destination-bound) server object, it goes out on the request's stream.
    /// A 2026-07-28 client also gets the <c>resultType</c> its revision requires on a final result.
    /// </summary>
    public static JsonRpcMessage To(JsonRpcRequest request, JsonRpcMessage answer) => answer switch
    {
        JsonRpcResponse response => new JsonRpcResponse
        {
            Id = request.Id,
            Result = StampResultType(request, response.Result),
        },
        JsonRpcError error => new JsonRpcError { Id = request.Id, Error = TranslateError(request, error.Error) },
        _ => JsonRpc.Error(request.Id, BridgeErrorCodes.InternalError, "The MCP server gave no answer."),
    };

    /// <summary>
    /// 2026-07-28 (SEP-2164) reports an unknown resource with -32602 where earlier revisions used -32002; a child of
    /// an earlier revision is translated for a 2026-07-28 client. Every other error passes unchanged.
    /// </summary>
    private static JsonRpcErrorDetail TranslateError(JsonRpcRequest request, JsonRpcErrorDetail error) =>
        error.Code == ResourceNotFoundBefore2026 && request.Method == RequestMethods.ResourcesRead &&
            IsPerRequestMetadataRevision(request.Context?.ProtocolVersion)
            ? new JsonRpcErrorDetail { Code = BridgeErrorCodes.InvalidParams, Message = error.Message, Data = error.Data }
            : error;

    private const int ResourceNotFoundBefore2026 = -32002;

    /// <summary>The client's error as the child should see it: the client's own code, message and data.</summary>
    public static JsonRpcError FromClientError(RequestId id, McpProtocolException exception)
    {
        var message = exception.Message.StartsWith(RemotePrefix, StringComparison.Ordinal)
            ? exception.Message[RemotePrefix.Length..]
            : exception.Message;
        Dictionary<string, object?>? data = null;
        foreach (DictionaryEntry entry in exception.Data)
        {
            (data ??= [])[entry.Key.ToString()!] = entry.Value;
        }

        return JsonRpc.Error(id, (int)exception.ErrorCode, message, data);
    }

    /// <summary>
    /// A child that speaks an older revision omits what 2026-07-28 requires of a final result: <c>resultType</c>,
    /// and on lists and reads the caching hints, which the gateway sets to the safe "do not cache, not shared".
    /// </summary>
    private static JsonNode? StampResultType(JsonRpcRequest request, JsonNode? result)
    {
        if (result is not JsonObject obj || !IsPerRequestMetadataRevision(request.Context?.ProtocolVersion))
        {
            return result;
        }

        obj.TryAdd("resultType", "complete");
        if (request.Method is RequestMethods.ToolsList or RequestMethods.PromptsList or RequestMethods.ResourcesList
            or RequestMethods.ResourcesTemplatesList or RequestMethods.ResourcesRead)
        {
            obj.TryAdd("ttlMs", 0);
            obj.TryAdd("cacheScope", "private");
        }

        return result;
    }

    /// <summary>Whether a protocol version is 2026-07-28 or later (dates compare as strings).</summary>
    public static bool IsPerRequestMetadataRevision(string? protocolVersion) =>
        protocolVersion is not null && string.CompareOrdinal(protocolVersion, "2026-07-28") >= 0;
}
