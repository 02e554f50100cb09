namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>Gateway replicas (named <c>replica-a</c>, <c>replica-b</c>, ...) behind one router, all real processes on loopback.</summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private ReplicaSet(IReadOnlyList<GatewayReplica> replicas, RouterProcess router)
    {
        Replicas = replicas;
        Router = router;
    }

    public IReadOnlyList<GatewayReplica> Replicas { get; }

    public RouterProcess Router { get; }

    /// <summary>server-everything, the npm reference server: echo, progress, sampling, slow calls.</summary>
    public static string[] Everything => ["node", RepoPaths.EverythingServer, "stdio"];

    /// <summary>Starts <paramref name="count"/> replicas of <paramref name="command"/> and a router in front of them, and waits until it sees them all.</summary>
    public static async Task<ReplicaSet> StartAsync(int count, string[] command, string[]? gatewayOptions = null, string[]? routerOptions = null)
    {
        var replicas = new List<GatewayReplica>();
        try
        {
            // One at a time: starting several gateways with their children at once can starve two cores.
            foreach (var name in Enumerable.Range(0, count).Select(i => $"replica-{(char)('a' + i)}"))
            {
                replicas.Add(await GatewayReplica.StartAsync(name, gatewayOptions ?? [], command));
            }

            var router = await RouterProcess.StartAsync(replicas.Select(replica => replica.BaseAddress), routerOptions ?? []);
            var set = new ReplicaSet(replicas, router);
            try
            {
                await router.WaitForReadyReplicasAsync(count);
                await router.WarmUpAsync();
                return set;
            }
            catch
            {
                await set.DisposeAsync();
                throw;
            }
        }
        catch when (replicas.Count > 0)
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            throw;
        }
    }

    public GatewayReplica Named(string name) => Replicas.Single(replica => replica.Name == name);

    /// <summary>The replica a session id names (<c>REPLICA.ID</c>).</summary>
    public GatewayReplica OwnerOf(string sessionId) => Named(sessionId[..sessionId.IndexOf('.', StringComparison.Ordinal)]);

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
