namespace McpBridge.Telemetry;

/// <summary>The reasons <see cref="BridgeMetrics.RequestRejected"/> counts (tag <c>mcpbridge.rejection.reason</c>).</summary>
internal static class RejectionReasons
{
    /// <summary>A foreign <c>Origin</c> (403).</summary>
    public const string Origin = "origin";

    /// <summary>A foreign <c>Host</c> (403).</summary>
    public const string Host = "host";

    /// <summary>A body larger than <c>Edge:MaxRequestBodyBytes</c> (413).</summary>
    public const string BodySize = "body_size";

    /// <summary>A POST that is not JSON (415).</summary>
    public const string MediaType = "media_type";

    /// <summary>No server of that name (404).</summary>
    public const string ServerUnknown = "server_unknown";

    /// <summary>An <c>MCP-Protocol-Version</c> the gateway does not serve (400).</summary>
    public const string ProtocolVersion = "protocol_version";

    /// <summary>A session id that ended, never existed or belongs to another replica (404).</summary>
    public const string SessionUnknown = "session_unknown";

    /// <summary>As many sessions as <c>Bridge:MaxSessions</c> (503).</summary>
    public const string SessionLimit = "session_limit";

    /// <summary>A new session while the replica drains (503).</summary>
    public const string Draining = "draining";

    /// <summary>Missing or wrong credentials (401), for the authentication middleware.</summary>
    public const string Auth = "auth";

    /// <summary>Over a rate or concurrency limit (429), for the rate limiter.</summary>
    public const string RateLimit = "rate_limit";
}
