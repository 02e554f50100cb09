using McpBridge.Bench.Load;

namespace McpBridge.Bench.Scenarios;

/// <summary>One (system, level, repetition) of the throughput matrix: its load measurement and memory peaks, or why it did not run.</summary>
internal sealed record RunRecord
{
    public required string System { get; init; }
    public required int Clients { get; init; }
    public required int CallsPerClient { get; init; }
    public required int Rep { get; init; }

    /// <summary>Which client loaded the system: <see cref="ClientKind.Bench"/> or <see cref="ClientKind.Sdk"/>.</summary>
    public string Client { get; init; } = ClientKind.Bench;

    /// <summary>Why this run did not happen (the system is not in this build, memory would not suffice...).</summary>
    public string? Skipped { get; init; }

    /// <summary>The warm-up session's failure, when the system did not answer one session correctly before the load.</summary>
    public string? CheckError { get; init; }

    public LoadMeasurement? Load { get; init; }

    /// <summary>Peak RSS of the gateway process alone, KiB (0 for direct stdio).</summary>
    public long PeakGatewayKb { get; init; }

    /// <summary>Peak summed RSS of the gateway and every descendant (for direct stdio: all server processes), KiB.</summary>
    public long PeakTreeKb { get; init; }

    public int MaxProcesses { get; init; }

    public string? CommandLine { get; init; }
}
