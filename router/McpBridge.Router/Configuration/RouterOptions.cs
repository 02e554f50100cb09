namespace McpBridge.Router.Configuration;

/// <summary>Where the gateway replicas are and how the router watches them (configuration section <c>Router</c>).</summary>
public sealed class RouterOptions
{
    /// <summary>The configuration section these settings bind from.</summary>
    public const string SectionName = "Router";

    /// <summary>
    /// The replicas' base addresses, such as <c>http://127.0.0.1:8001</c> (<c>Router:Replicas:0</c>,
    /// <c>Router__Replicas__0</c>). Either this or <see cref="Dns"/>, not both.
    /// </summary>
    public IList<string> Replicas { get; set; } = [];

    /// <summary>Replicas found in DNS: every address of a name (a Kubernetes headless Service) is a replica.</summary>
    public DnsDiscoveryOptions Dns { get; set; } = new();

    /// <summary>How often DNS is resolved again and every replica's <c>/readyz</c> and <c>/status</c> are read. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a replica may take to answer <c>/readyz</c> or <c>/status</c> before it counts as unreachable. Default 2 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a forwarded request or stream may go without a byte in either direction before it is cut. Default 1 h:
    /// GET streams are quiet for long stretches, and a tool call may run for the gateway's whole request timeout.
    /// </summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromHours(1);
}
