namespace McpBridge.Bench.SdkClient;

/// <summary>
/// One line that <c>bench/sdk-client/load.mjs</c> writes on its standard output: <c>ready</c> (warm-up done),
/// <c>connected</c> (the measured sessions are set up) or <c>done</c> (the calls are over).
/// </summary>
internal sealed record SdkClientReport
{
    public const string Ready = "ready";
    public const string Connected = "connected";
    public const string Done = "done";

    public string Event { get; init; } = "";

    /// <summary>Why the warm-up failed (<c>ready</c>); null when it went well.</summary>
    public string? WarmupError { get; init; }

    /// <summary>Set-up time of each session that initialized, ms (<c>connected</c> and <c>done</c>).</summary>
    public IReadOnlyList<double> SetupMs { get; init; } = [];

    public IReadOnlyList<string> SetupErrors { get; init; } = [];

    public int Ok { get; init; }
    public int Errors { get; init; }
    public int Mismatches { get; init; }
    public int NotDone { get; init; }
    public int SetupFailed { get; init; }
    public double Seconds { get; init; }
    public bool TimedOut { get; init; }

    /// <summary>Latency of each successful call, ms, in no particular order.</summary>
    public IReadOnlyList<double> Latencies { get; init; } = [];

    public IReadOnlyList<string> FirstErrors { get; init; } = [];
}
