namespace McpBridge.Bench.Load;

/// <summary>What one load run measured, before summarizing over repetitions.</summary>
internal sealed record LoadMeasurement
{
    public int CallsPlanned { get; init; }
    public int CallsOk { get; init; }
    public int Errors { get; init; }
    public int Mismatches { get; init; }
    public int NotDone { get; init; }
    public int SetupFailed { get; init; }
    public bool TimedOut { get; init; }
    public double CallPhaseSeconds { get; init; }
    public double? CallsPerSecond { get; init; }
    public double? P50Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? MaxMs { get; init; }
    public double? SetupP50Ms { get; init; }
    public double? SetupMaxMs { get; init; }

    /// <summary>CPU of the gateway process alone per successful call, microseconds (null for direct stdio).</summary>
    public double? GatewayCpuUsPerCall { get; init; }

    /// <summary>CPU of the whole tree (gateway and children) per successful call, microseconds.</summary>
    public double? TreeCpuUsPerCall { get; init; }

    /// <summary>CPU of this bench client per successful call, microseconds.</summary>
    public double? ClientCpuUsPerCall { get; init; }

    public IReadOnlyList<string> FirstErrors { get; init; } = [];
}
