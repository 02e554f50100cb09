using System.Text.Json.Serialization;

namespace McpBridge.Gateway.Edge;

[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(int))]
internal sealed partial class McpErrorJson : JsonSerializerContext;
