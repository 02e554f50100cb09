namespace McpBridge.Router.Replicas;

/// <summary>Where the replicas' addresses come from: the configuration, or DNS.</summary>
internal interface IReplicaSource
{
    /// <summary>Says where the replicas come from, for the banner and logs.</summary>
    string Description { get; }

    /// <summary>The replicas' base addresses now.</summary>
    Task<IReadOnlyCollection<Uri>> DiscoverAsync(CancellationToken cancellationToken);
}
