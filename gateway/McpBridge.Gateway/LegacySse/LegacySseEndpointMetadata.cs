namespace McpBridge.Gateway.LegacySse;

/// <summary>
/// Marks the legacy HTTP+SSE endpoints, whose sessions <see cref="LegacySseHandler"/> guards itself: their session id
/// is a query parameter, not the <c>Mcp-Session-Id</c> header the session guard reads.
/// </summary>
internal sealed class LegacySseEndpointMetadata
{
    public static readonly LegacySseEndpointMetadata Instance = new();
}
