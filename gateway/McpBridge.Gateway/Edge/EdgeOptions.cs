namespace McpBridge.Gateway.Edge;

/// <summary>The HTTP edge's protections (configuration section <c>Edge</c>).</summary>
internal sealed class EdgeOptions
{
    public const string SectionName = "Edge";

    /// <summary>
    /// Host names (without port) that may appear in <c>Host</c> besides localhost, 127.0.0.1 and ::1: the gateway's
    /// public or service names (<c>Edge__AllowedHosts__0=gateway</c>). <c>*</c> allows any host.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Browser origins allowed besides localhost ones, such as <c>https://chat.example.com</c>; a request with any
    /// other <c>Origin</c> gets 403 (DNS-rebinding protection). <c>*</c> allows any origin.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>The largest request body accepted; larger ones get 413. Default 4 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Whether every server is also served over the 2024-11-05 HTTP+SSE transport (<c>GET /sse</c> and
    /// <c>POST /message?sessionId=ID</c>, and both under <c>/servers/NAME/</c>) for clients that speak only that.
    /// Default <see langword="true"/>; <see langword="false"/> maps neither.
    /// </summary>
    public bool LegacySse { get; set; } = true;
}
