namespace McpBridge.Router.Configuration;

/// <summary>Replica discovery by DNS (section <c>Router:Dns</c>): each A or AAAA record of <see cref="Name"/> is one replica.</summary>
public sealed class DnsDiscoveryOptions
{
    /// <summary>The name to resolve, such as a Kubernetes headless Service (<c>mcpbridge-gateway-replicas</c>). Empty: off.</summary>
    public string Name { get; set; } = "";

    /// <summary>The replicas' port. Default 8000, the gateway's.</summary>
    public int Port { get; set; } = 8000;

    /// <summary><c>http</c> (default) or <c>https</c>.</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>Whether DNS discovery is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Name);
}
