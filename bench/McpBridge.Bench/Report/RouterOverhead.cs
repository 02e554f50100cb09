using McpBridge.Bench.Load;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Report;

/// <summary>
/// What the router adds at one load level: the shared gateway loaded through the router minus the same gateway loaded
/// directly, both medians of the same run; <see cref="RouterTargets"/> checks it.
/// </summary>
internal sealed record RouterOverhead
{
    public required LoadLevel Level { get; init; }
    public double? DirectCallsPerSecond { get; init; }
    public double? RoutedCallsPerSecond { get; init; }
    public double? DirectP50Ms { get; init; }
    public double? RoutedP50Ms { get; init; }
    public double? DirectP99Ms { get; init; }
    public double? RoutedP99Ms { get; init; }

    /// <summary>CPU of the router process alone per successful call, microseconds.</summary>
    public double? RouterCpuUs { get; init; }

    /// <summary>CPU per call of YARP's forwarder alone (the proxy floor) in front of the same gateway, microseconds; null when not run.</summary>
    public double? ProxyFloorCpuUs { get; init; }

    /// <summary>Throughput through the proxy floor as a share of the direct gateway's.</summary>
    public double? ProxyFloorRatio { get; init; }

    /// <summary>CPU of router + replica + children per call minus that of the gateway + children alone, microseconds.</summary>
    public double? AddedTreeCpuUs { get; init; }

    public double? AddedP50Ms => RoutedP50Ms - DirectP50Ms;

    public double? AddedP99Ms => RoutedP99Ms - DirectP99Ms;

    /// <summary>Throughput through the router as a share of the direct gateway's.</summary>
    public double? ThroughputRatio => RoutedCallsPerSecond / DirectCallsPerSecond;

    /// <summary>One row per level at which both the shared gateway and the routed one were measured.</summary>
    public static List<RouterOverhead> Compute(BenchResults r) =>
    [
        .. r.Levels
            .Select(level => (Level: level, Direct: Measured(r, SystemCatalog.Shared, level), Routed: Measured(r, SystemCatalog.SharedRouter, level),
                Floor: Measured(r, SystemCatalog.ProxyFloor, level)))
            .Where(x => x.Direct is not null && x.Routed is not null)
            .Select(x => new RouterOverhead
            {
                Level = x.Level,
                DirectCallsPerSecond = x.Direct!.CallsPerSecond,
                RoutedCallsPerSecond = x.Routed!.CallsPerSecond,
                DirectP50Ms = x.Direct.P50Ms,
                RoutedP50Ms = x.Routed.P50Ms,
                DirectP99Ms = x.Direct.P99Ms,
                RoutedP99Ms = x.Routed.P99Ms,
                RouterCpuUs = x.Routed.GatewayCpuUs,
                AddedTreeCpuUs = x.Routed.TreeCpuUs - x.Direct.TreeCpuUs,
                ProxyFloorCpuUs = x.Floor?.GatewayCpuUs,
                ProxyFloorRatio = x.Floor?.CallsPerSecond / x.Direct.CallsPerSecond,
            }),
    ];

    private static LevelSummary? Measured(BenchResults r, string system, LoadLevel level) =>
        r.Summaries.FirstOrDefault(s => s.System == system && s.Level == level && s.Measured);
}
