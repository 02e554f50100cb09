using McpBridge.Bench.Load;
using McpBridge.Bench.Scenarios;

namespace McpBridge.Bench.Report;

/// <summary>One system at one load level over its repetitions: medians of the measures, totals of the failures.</summary>
internal sealed record LevelSummary
{
    public required string System { get; init; }
    public required LoadLevel Level { get; init; }
    public int Reps { get; init; }
    public string? Skipped { get; init; }
    public double? CallsPerSecond { get; init; }
    public double? P50Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? SetupP50Ms { get; init; }
    public double? GatewayCpuUs { get; init; }
    public double? TreeCpuUs { get; init; }
    public double? ClientCpuUs { get; init; }
    public double? GatewayPeakMb { get; init; }
    public double? TreePeakMb { get; init; }
    public int Errors { get; init; }
    public int Mismatches { get; init; }
    public int NotDone { get; init; }
    public string? FirstError { get; init; }

    public bool Measured => Reps > 0;

    public static List<LevelSummary> Summarize(IReadOnlyList<RunRecord> records, IReadOnlyList<string> systems, IReadOnlyList<LoadLevel> levels)
    {
        List<LevelSummary> summaries = [];
        foreach (var level in levels)
        {
            foreach (var system in systems)
            {
                var runs = records.Where(r => r.System == system && r.Clients == level.Clients && r.CallsPerClient == level.CallsPerClient).ToList();
                var measured = runs.Where(r => r.Load is not null).ToList();
                var loads = measured.Select(r => r.Load!).ToList();
                summaries.Add(new LevelSummary
                {
                    System = system,
                    Level = level,
                    Reps = measured.Count,
                    Skipped = measured.Count == 0 ? runs.FirstOrDefault()?.Skipped ?? "not run" : null,
                    CallsPerSecond = Percentiles.Median(loads.Select(l => l.CallsPerSecond)),
                    P50Ms = Percentiles.Median(loads.Select(l => l.P50Ms)),
                    P99Ms = Percentiles.Median(loads.Select(l => l.P99Ms)),
                    SetupP50Ms = Percentiles.Median(loads.Select(l => l.SetupP50Ms)),
                    GatewayCpuUs = Percentiles.Median(loads.Select(l => l.GatewayCpuUsPerCall)),
                    TreeCpuUs = Percentiles.Median(loads.Select(l => l.TreeCpuUsPerCall)),
                    ClientCpuUs = Percentiles.Median(loads.Select(l => l.ClientCpuUsPerCall)),
                    GatewayPeakMb = Percentiles.Median(measured.Select(r => r.PeakGatewayKb > 0 ? r.PeakGatewayKb / 1024.0 : (double?)null)),
                    TreePeakMb = Percentiles.Median(measured.Select(r => r.PeakTreeKb > 0 ? r.PeakTreeKb / 1024.0 : (double?)null)),
                    Errors = loads.Sum(l => l.Errors),
                    Mismatches = loads.Sum(l => l.Mismatches),
                    NotDone = loads.Sum(l => l.NotDone),
                    FirstError = measured.Select(r => r.CheckError is { } c ? $"warm-up: {c}" : (r.Load!.FirstErrors.Count > 0 ? r.Load.FirstErrors[0] : null)).FirstOrDefault(e => e is not null),
                });
            }
        }

        return summaries;
    }
}
