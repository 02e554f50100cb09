using System.Text.Json.Serialization;

namespace McpBridge.Gateway.Health;

[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(string))]
internal sealed partial class HealthJson : JsonSerializerContext;
