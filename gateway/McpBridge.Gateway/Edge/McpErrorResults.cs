using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpBridge.Gateway.Edge;

/// <summary>Answers an MCP request at the edge with an HTTP status and a JSON-RPC error body.</summary>
internal static class McpErrorResults
{
    public static Task WriteAsync(HttpContext context, int status, int code, string message, JsonNode? id = null, JsonNode? data = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (data is not null)
        {
            error["data"] = data;
        }

        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone(), ["error"] = error };
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>The <c>id</c> of the JSON-RPC request in the body, read without consuming the body; null if there is none.</summary>
    public static async Task<JsonNode?> PeekRequestIdAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body is JsonObject message ? message["id"] : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }
}
