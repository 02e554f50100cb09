using McpBridge.Router.Configuration;

namespace McpBridge.Router.Replicas;

/// <summary>The fixed list of <c>Router:Replicas</c>.</summary>
internal sealed class ConfiguredReplicaSource(IReadOnlyCollection<Uri> addresses) : IReplicaSource
{
    public static ConfiguredReplicaSource From(RouterOptions options) =>
        new([.. options.Replicas.Select(ReplicaAddress.Parse).OfType<Uri>().Distinct()]);

    public string Description => $"{addresses.Count} replica(s) from {RouterOptions.SectionName}:Replicas";

    public Task<IReadOnlyCollection<Uri>> DiscoverAsync(CancellationToken cancellationToken) => Task.FromResult(addresses);
}
