using System.Globalization;

namespace McpBridge.Bench.Client;

/// <summary>The few JSON-RPC messages the bench sends, written as UTF-8 text without a serializer on the hot path.</summary>
internal static class JsonRpcMessages
{
    /// <summary>The protocol version the bench asks for; every system under test negotiates it or an older one.</summary>
    public const string ProtocolVersion = "2025-11-25";

    public static string Initialize(long id, string clientName) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) +
        ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + ProtocolVersion +
        "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + clientName + "\",\"version\":\"1.0.0\"}}}";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>A <c>tools/call</c> of <c>echo</c>; <paramref name="uid"/> is plain ASCII ([a-z0-9-]) and needs no escaping.</summary>
    public static string CallEcho(long id, string uid) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) +
        ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + uid + "\"}}}";
}
