using System.Text.Json;

namespace McpBridge.Gateway.Edge;

/// <summary>Answers an MCP request at the edge with an HTTP status and a JSON-RPC error body.</summary>
internal static class McpErrorResults
{
    public static Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = null,
            ["error"] = new Dictionary<string, object> { ["code"] = code, ["message"] = message },
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, McpErrorJson.Default.DictionaryStringObject));
    }
}
