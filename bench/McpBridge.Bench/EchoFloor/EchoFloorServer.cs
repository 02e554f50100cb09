using System.Buffers;
using System.Text;
using System.Text.Json;

namespace McpBridge.Bench.EchoFloor;

/// <summary>
/// The no-child floor: a minimal Streamable HTTP MCP server that answers <c>initialize</c> and the <c>echo</c> tool
/// itself, in the same shape as server-everything behind the gateway (<c>Echo: MESSAGE</c>, answered as one
/// <c>application/json</c> body with its length, the cheapest answer Streamable HTTP allows). What a gateway costs
/// beyond this is the price of having a child at all.
/// </summary>
internal static class EchoFloorServer
{
    public static async Task<int> RunAsync(string urls, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(urls, UriKind.Absolute, out var url) || !url.IsLoopback)
        {
            await Console.Error.WriteLineAsync($"echo-floor: --urls {urls} is not a loopback URL; use http://127.0.0.1:PORT.");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/mcp", HandlePostAsync);
        app.MapDelete("/mcp", (HttpContext context) => Results.Ok());
        app.MapGet("/mcp", () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        await app.RunAsync(cancellationToken);
        return 0;
    }

    private static async Task HandlePostAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = request.RootElement;
        var method = root.TryGetProperty("method", out var m) ? m.GetString() : null;
        if (!root.TryGetProperty("id", out var id))
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted; // a notification
            return;
        }

        if (method != "initialize" && !context.Request.Headers.ContainsKey("Mcp-Session-Id"))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WritePropertyName("id");
            id.WriteTo(json);
            switch (method)
            {
                case "initialize":
                    context.Response.Headers["Mcp-Session-Id"] = Guid.NewGuid().ToString("N");
                    WriteInitializeResult(json, root);
                    break;
                case "tools/call":
                    WriteEchoResult(json, root);
                    break;
                case "tools/list":
                    WriteToolsList(json);
                    break;
                case "ping":
                    json.WriteStartObject("result");
                    json.WriteEndObject();
                    break;
                default:
                    json.WriteStartObject("error");
                    json.WriteNumber("code", -32601);
                    json.WriteString("message", $"Method not found: {method}");
                    json.WriteEndObject();
                    break;
            }

            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.WrittenCount;
        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }

    private static void WriteInitializeResult(Utf8JsonWriter json, JsonElement request)
    {
        var version = request.TryGetProperty("params", out var p) && p.TryGetProperty("protocolVersion", out var v) ? v.GetString() : null;
        json.WriteStartObject("result");
        json.WriteString("protocolVersion", version ?? "2025-11-25");
        json.WriteStartObject("capabilities");
        json.WriteStartObject("tools");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("serverInfo");
        json.WriteString("name", "mcpbridge-bench-echo-floor");
        json.WriteString("version", "1.0.0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEchoResult(Utf8JsonWriter json, JsonElement request)
    {
        var message = request.TryGetProperty("params", out var p) && p.TryGetProperty("arguments", out var a) && a.TryGetProperty("message", out var msg)
            ? msg.GetString() ?? ""
            : "";
        json.WriteStartObject("result");
        json.WriteStartArray("content");
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", string.Concat("Echo: ", message));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteToolsList(Utf8JsonWriter json)
    {
        json.WriteStartObject("result");
        json.WriteStartArray("tools");
        json.WriteStartObject();
        json.WriteString("name", "echo");
        json.WriteString("description", "Echoes back the input");
        json.WritePropertyName("inputSchema");
        json.WriteRawValue(Encoding.UTF8.GetBytes("""{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}"""));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
