using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

/// <summary>JSON-RPC framing with the MCP SDK's message model and source-generated serialization.</summary>
internal static class JsonRpc
{
    public static readonly JsonTypeInfo<JsonRpcMessage> MessageType = McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonRpcMessage>();

    public static byte[] Serialize(JsonRpcMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, MessageType);

    /// <summary>The message as one stdio line: its JSON and the newline that ends it, written to the child at once.</summary>
    public static ReadOnlyMemory<byte> SerializeLine(JsonRpcMessage message)
    {
        var line = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(line))
        {
            JsonSerializer.Serialize(json, message, MessageType);
        }

        line.Write("\n"u8);
        return line.WrittenMemory;
    }

    /// <summary>Parses one line; <see langword="null"/> when it is not a JSON-RPC message.</summary>
    public static JsonRpcMessage? TryParse(ReadOnlySequence<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            return JsonSerializer.Deserialize(ref reader, MessageType);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonRpcError Error(RequestId id, int code, string message, object? data = null) => new()
    {
        Id = id,
        Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data },
    };

    /// <summary>The value of <c>params._meta.progressToken</c>, or <see langword="null"/>.</summary>
    public static JsonNode? ProgressTokenOf(JsonNode? parameters) =>
        parameters is JsonObject p && p["_meta"] is JsonObject meta ? meta["progressToken"] : null;
}
