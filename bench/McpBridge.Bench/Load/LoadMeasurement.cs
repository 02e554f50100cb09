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

    /// <summary>This measurement with the percentiles of the calls' <paramref name="latencies"/> and the sessions' <paramref name="setups"/>, both sorted, ms.</summary>
    public LoadMeasurement WithPercentiles(IReadOnlyList<double> latencies, IReadOnlyList<double> setups) => this with
    {
        P50Ms = Percentiles.Of(latencies, 50),
        P99Ms = Percentiles.Of(latencies, 99),
        MaxMs = latencies.Count > 0 ? latencies[^1] : null,
        SetupP50Ms = Percentiles.Of(setups, 50),
        SetupMaxMs = setups.Count > 0 ? setups[^1] : null,
    };
}
