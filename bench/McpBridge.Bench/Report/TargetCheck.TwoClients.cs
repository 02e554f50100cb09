using McpBridge.Bench.Scenarios;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Report;

/// <summary>The targets that must hold under both clients (issue 15): the gateway's own CPU, and the tree's against the peers'.</summary>
internal sealed partial record TargetCheck
{
    private const double TreeCpuRatioTarget = 2.5;

    private static IEnumerable<TargetCheck> SdkGatewayCpu(BenchResults r)
    {
        foreach (var system in new[] { SystemCatalog.Isolated, SystemCatalog.Shared, SystemCatalog.SharedAot })
        {
            var target = $"gateway CPU per call, {Name(system)}, TypeScript SDK client: ≤ 100 µs (worst level)";
            var levels = r.SdkSummaries.Where(s => s.System == system && s.GatewayCpuUs is not null).ToList();
            var worst = levels.MaxBy(s => s.GatewayCpuUs);
            yield return worst is null
                ? new TargetCheck(target, r.Settings.SdkSystems.Contains(system) ? "not measured in this run" : "not run (`--sdk-systems`)", TargetStatus.NotMeasured, "not measured")
                : AtMost(target, worst.GatewayCpuUs!.Value, 100, "µs", $"{string.Join(", ", levels.Select(s => $"{F(s.GatewayCpuUs, "0")} at {s.Level.Clients}"))} clients (µs)");
        }
    }

    private static IEnumerable<TargetCheck> TreeCpuAgainstPeers(BenchResults r)
    {
        var rows = PeerRatio.Compute(r, SystemCatalog.Shared).Where(x => x.TreeCpuRatio is not null).ToList();
        foreach (var client in new[] { ClientKind.Bench, ClientKind.Sdk })
        {
            var target = $"tree CPU per call, shared, {ClientKind.Label(client)}: ≥ {F(TreeCpuRatioTarget, "0.0")}x cheaper than the cheapest peer (worst level)";
            var levels = rows.Where(x => x.Client == client).ToList();
            var worst = levels.MinBy(x => x.TreeCpuRatio);
            yield return worst is null
                ? new TargetCheck(target, "shared or no peer measured under this client", TargetStatus.NotMeasured, "not measured")
                : AtLeast(target, worst.TreeCpuRatio!.Value, TreeCpuRatioTarget, "x",
                    string.Join(", ", levels.Select(x => $"{F(x.TreeCpuRatio, "0.00")}x at {x.Level.Clients} ({F(x.TreeCpuUs, "0")} µs vs {x.CheapestPeer} {F(x.CheapestPeerTreeCpuUs, "0")})")));
        }
    }
}
