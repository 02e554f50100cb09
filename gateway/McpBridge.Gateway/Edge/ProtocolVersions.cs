namespace McpBridge.Gateway.Edge;

/// <summary>The MCP revisions the gateway serves: initialize-era ones with sessions, and the per-request (stateless) one.</summary>
internal static class ProtocolVersions
{
    public static readonly string[] WithSessions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    public static readonly string[] PerRequest = ["2026-07-28"];

    public static bool IsKnown(string version) => WithSessions.Contains(version) || PerRequest.Contains(version);
}
