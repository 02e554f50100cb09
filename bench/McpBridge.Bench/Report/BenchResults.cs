using McpBridge.Bench.Load;
using McpBridge.Bench.Processes;
using McpBridge.Bench.Scenarios;

namespace McpBridge.Bench.Report;

/// <summary>Everything one bench run found, as the docs page and the targets read it.</summary>
internal sealed record BenchResults
{
    public required MachineInfo Machine { get; init; }
    public required BenchSettings Settings { get; init; }
    public required IReadOnlyDictionary<string, string> Versions { get; init; }
    public required IReadOnlyDictionary<string, string> CommandLines { get; init; }
    public required DateTimeOffset Started { get; init; }
    public required TimeSpan Duration { get; init; }

    /// <summary>1-minute load averages sampled before every run: how much else the machine was doing.</summary>
    public IReadOnlyList<double> LoadAverages { get; init; } = [];
    public string? SharedUnavailable { get; init; }
    public string? WarmSparesUnavailable { get; init; }
    public required IReadOnlyList<LevelSummary> Summaries { get; init; }

    /// <summary>The same systems and levels loaded by the second client, the official TypeScript SDK (issue 15).</summary>
    public IReadOnlyList<LevelSummary> SdkSummaries { get; init; } = [];
    public IReadOnlyList<IdleSessionsRecord> IdleSessions { get; init; } = [];
    public IReadOnlyList<RunRecord> ManySessions { get; init; } = [];
    public IReadOnlyList<WarmSparesRecord> WarmSpares { get; init; } = [];
    public IReadOnlyList<StartupRecord> Startup { get; init; } = [];

    public LevelSummary? At(string system, int clients) =>
        Summaries.FirstOrDefault(s => s.System == system && s.Level.Clients == clients && s.Measured);

    /// <summary><see cref="At"/> for the bench's client (<see cref="ClientKind.Bench"/>) or the SDK's (<see cref="ClientKind.Sdk"/>).</summary>
    public LevelSummary? At(string system, int clients, string client) => client == ClientKind.Sdk
        ? SdkSummaries.FirstOrDefault(s => s.System == system && s.Level.Clients == clients && s.Measured)
        : At(system, clients);

    public IEnumerable<LoadLevel> Levels => Summaries.Select(s => s.Level).Distinct();
}
