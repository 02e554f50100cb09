using McpBridge.Bench.Load;
using McpBridge.Bench.Scenarios;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Report;

/// <summary>
/// One McpBridge system against the best peer at one level under one client (issue 15): its calls per second over the
/// fastest peer's, and the cheapest peer's tree CPU per call over its own (how many times cheaper it is).
/// </summary>
internal sealed record PeerRatio
{
    public static readonly IReadOnlyList<string> Peers = [SystemCatalog.Supergateway, SystemCatalog.McpProxy];

    public required LoadLevel Level { get; init; }
    public required string Client { get; init; }
    public double? CallsPerSecond { get; init; }
    public string? FastestPeer { get; init; }
    public double? FastestPeerCallsPerSecond { get; init; }
    public double? TreeCpuUs { get; init; }
    public string? CheapestPeer { get; init; }
    public double? CheapestPeerTreeCpuUs { get; init; }

    public double? ThroughputRatio => CallsPerSecond / FastestPeerCallsPerSecond;

    public double? TreeCpuRatio => CheapestPeerTreeCpuUs / TreeCpuUs;

    /// <summary>One row per level and client at which <paramref name="system"/> and at least one peer were measured.</summary>
    public static List<PeerRatio> Compute(BenchResults r, string system)
    {
        List<PeerRatio> rows = [];
        foreach (var level in r.Levels)
        {
            foreach (var client in new[] { ClientKind.Bench, ClientKind.Sdk })
            {
                var own = r.At(system, level.Clients, client);
                var peers = Peers.Select(p => r.At(p, level.Clients, client)).Where(p => p is not null && p.Level == level).ToList();
                if (own is null || own.Level != level || peers.Count == 0)
                {
                    continue;
                }

                var fastest = peers.Where(p => p!.CallsPerSecond is not null).MaxBy(p => p!.CallsPerSecond);
                var cheapest = peers.Where(p => p!.TreeCpuUs is not null).MinBy(p => p!.TreeCpuUs);
                rows.Add(new PeerRatio
                {
                    Level = level,
                    Client = client,
                    CallsPerSecond = own.CallsPerSecond,
                    FastestPeer = fastest?.System,
                    FastestPeerCallsPerSecond = fastest?.CallsPerSecond,
                    TreeCpuUs = own.TreeCpuUs,
                    CheapestPeer = cheapest?.System,
                    CheapestPeerTreeCpuUs = cheapest?.TreeCpuUs,
                });
            }
        }

        return rows;
    }
}
