namespace McpBridge.Gateway.Limits;

/// <summary>
/// Per-client limits on the MCP endpoints (configuration section <c>Limits</c>). A client is an API key, or the
/// remote address when authentication is off. Both limits are off (0) by default.
/// </summary>
internal sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// How many MCP requests a client may make per minute (a fixed window); more get 429 with <c>Retry-After</c>.
    /// Counted: POSTs of JSON-RPC requests, GETs and DELETEs; not counted: POSTs of answers and notifications. 0: no limit.
    /// </summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>
    /// How many POSTed JSON-RPC requests of a client may run at once (a tool call holds one until it is answered);
    /// more get 429. GET streams, answers and notifications never count. 0: no limit.
    /// </summary>
    public int ConcurrentRequests { get; set; }
}
