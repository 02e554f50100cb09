using System.Text.Json;
using System.Text.Json.Serialization;
using McpBridge.Router.Health;

namespace McpBridge.Router.Replicas;

/// <summary>The JSON the router reads (a gateway's <c>/status</c>) and writes (its own <c>/status</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReplicaStatus))]
[JsonSerializable(typeof(RouterStatus))]
internal sealed partial class RouterJson : JsonSerializerContext;
