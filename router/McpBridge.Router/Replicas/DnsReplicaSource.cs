using System.Net;
using System.Net.Sockets;
using McpBridge.Router.Configuration;

namespace McpBridge.Router.Replicas;

/// <summary>
/// Every address of a DNS name is a replica: a Kubernetes headless Service, or a scaled Compose service, answers
/// with one record per pod or container.
/// </summary>
internal sealed class DnsReplicaSource(DnsDiscoveryOptions options) : IReplicaSource
{
    public string Description => $"replicas from DNS name '{options.Name}' (port {options.Port})";

    public async Task<IReadOnlyCollection<Uri>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(options.Name, cancellationToken);
        return [.. addresses
            .Where(address => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Distinct()
            .Select(address => new UriBuilder(options.Scheme, address.ToString(), options.Port).Uri)];
    }
}
