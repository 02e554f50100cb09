using System.Text.Json;

namespace McpBridge.Bench.Client;

/// <summary>Reads one JSON-RPC message and decides whether it answers a given request, and whether correctly.</summary>
internal static class ReplyCheck
{
    /// <summary>
    /// The outcome of an echo call when <paramref name="json"/> is a response; <see langword="null"/> when it is a
    /// notification or a server request (keep reading).
    /// </summary>
    public static CallOutcome? Echo(ReadOnlyMemory<byte> json, long id, string uid)
    {
        using var doc = Parse(json);
        if (doc is null)
        {
            return CallOutcome.Error("reply is not JSON");
        }

        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var idElement) || root.TryGetProperty("method", out _))
        {
            return null;
        }

        if (!idElement.TryGetInt64(out var replyId) || replyId != id)
        {
            return CallOutcome.Mismatch($"reply for id {idElement.GetRawText()} on the stream of request {id}");
        }

        if (root.TryGetProperty("error", out var error))
        {
            return CallOutcome.Error($"JSON-RPC error {Short(error.GetRawText())}");
        }

        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            return CallOutcome.Error("response without result");
        }

        var text = FirstText(result);
        if (result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            return CallOutcome.Error($"tool error: {Short(text ?? "")}");
        }

        if (text is null || !text.Contains(uid, StringComparison.Ordinal))
        {
            return CallOutcome.Mismatch($"reply text '{Short(text ?? "")}' lacks this call's token {uid}");
        }

        return CallOutcome.Ok;
    }

    /// <summary>The negotiated protocol version when <paramref name="json"/> answers initialize request <paramref name="id"/>; null for other messages.</summary>
    public static string? Initialize(ReadOnlyMemory<byte> json, long id)
    {
        using var doc = Parse(json) ?? throw new McpBenchException("initialize reply is not JSON");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var idElement) || root.TryGetProperty("method", out _))
        {
            return null;
        }

        if (!idElement.TryGetInt64(out var replyId) || replyId != id)
        {
            throw new McpBenchException($"initialize answered with id {idElement.GetRawText()}");
        }

        if (root.TryGetProperty("error", out var error))
        {
            throw new McpBenchException($"initialize failed: {Short(error.GetRawText())}");
        }

        return root.TryGetProperty("result", out var result) && result.TryGetProperty("protocolVersion", out var version)
            ? version.GetString() ?? JsonRpcMessages.ProtocolVersion
            : throw new McpBenchException("initialize result has no protocolVersion");
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FirstText(JsonElement result)
    {
        if (!result.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var block in content.EnumerateArray())
        {
            if (block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString();
            }
        }

        return null;
    }

    private static string Short(string s) => s.Length <= 160 ? s : s[..160] + "...";
}
