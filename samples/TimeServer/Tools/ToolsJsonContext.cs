using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TimeServer.Tools;

/// <summary>Serialization metadata for the tool schemas.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ToolsJsonContext : JsonSerializerContext;
