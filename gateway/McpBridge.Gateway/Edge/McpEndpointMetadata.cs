namespace McpBridge.Gateway.Edge;

/// <summary>Marks the MCP endpoints, to which the edge checks apply (health endpoints stay open to probes).</summary>
internal sealed class McpEndpointMetadata
{
    public static readonly McpEndpointMetadata Instance = new();
}
