using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TimeServer.Tests.Infrastructure;

/// <summary>Requests sent as raw JSON-RPC, so tests see the server's answers exactly as they are on the wire.</summary>
internal static class RawMcp
{
    /// <summary>The raw result of <c>tools/list</c>.</summary>
    public static Task<JsonNode> ListToolsAsync(McpClient client) => SendAsync(client, RequestMethods.ToolsList, null);

    /// <summary>The raw result of <c>tools/call</c> for <paramref name="name"/> with <paramref name="arguments"/>.</summary>
    public static Task<JsonNode> CallToolAsync(McpClient client, string name, JsonObject? arguments) =>
        SendAsync(client, RequestMethods.ToolsCall, new JsonObject { ["name"] = name, ["arguments"] = arguments });

    /// <summary>The text of a result's only content block, checking that it is one text block.</summary>
    public static string SingleText(JsonNode result)
    {
        var content = result["content"]!.AsArray();
        Assert.Single(content);
        Assert.Equal("text", (string?)content[0]!["type"]);
        return (string)content[0]!["text"]!;
    }

    private static async Task<JsonNode> SendAsync(McpClient client, string method, JsonNode? parameters)
    {
        using var timeout = new CancellationTokenSource(TimeServerProcess.Timeout);
        var response = await client.SendRequestAsync(new JsonRpcRequest { Method = method, Params = parameters }, timeout.Token);
        return response.Result ?? throw new InvalidOperationException($"{method} returned no result.");
    }
}
