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

    /// <summary>
    /// A <c>tools/call</c> of <c>echo</c> (or the name <paramref name="tool"/> it has on an aggregated endpoint);
    /// <paramref name="uid"/> and <paramref name="tool"/> are plain ASCII ([a-z0-9_-]) and need no escaping.
    /// </summary>
    public static string CallEcho(long id, string uid, string tool = "echo") =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) +
        ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"message\":\"" + uid + "\"}}}";
}
