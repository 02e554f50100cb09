using McpBridge.Bench.Load;

namespace McpBridge.Bench;

/// <summary>Everything one bench run is told: which systems, what load, how often, and where results go.</summary>
internal sealed record BenchSettings
{
    public const string DefaultLevels = "1x5000,8x1000,32x250,256x20";
    public const string QuickLevels = "1x200,8x50,32x15";

    public required IReadOnlyList<string> Systems { get; init; }
    public required IReadOnlyList<LoadLevel> Levels { get; init; }
    public int Reps { get; init; } = 3;
    public int WarmupCalls { get; init; } = 50;

    /// <summary>
    /// Unmeasured rounds of the level itself (all its sessions at once) after the one-session warm-up: after one
    /// session alone, the first concurrent round still cost mcp-proxy and the gateway 2-4x their steady CPU per call.
    /// </summary>
    public int WarmupRounds { get; init; }

    /// <summary>
    /// The least time the warm-up rounds take together: while it has not passed, more rounds follow, up to
    /// <see cref="MaxWarmupRounds"/> (one round of 32 sessions at the SDK client's rate lasted about 6 s, too short).
    /// </summary>
    public TimeSpan WarmupRoundsDuration { get; init; } = TimeSpan.Zero;

    public const int MaxWarmupRounds = 5;

    /// <summary>The systems that the second client (the official TypeScript SDK) loads too, after the bench's own client (empty: none).</summary>
    public IReadOnlyList<string> SdkSystems { get; init; } = [];

    /// <summary>The least time a run's warm-up takes, whatever its count: tiered JIT promotes code in the background, late.</summary>
    public TimeSpan WarmupDuration { get; init; } = TimeSpan.Zero;
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(180);
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int PoolSize { get; init; } = 2;

    /// <summary>Idle isolated sessions added to measure the gateway's memory per session (0 = skip).</summary>
    public int IdleSessions { get; init; } = 32;

    /// <summary>Concurrent shared sessions for the capacity check (0 = skip), each making <see cref="ManySessionsCalls"/> calls.</summary>
    public int ManySessions { get; init; } = 1000;
    public int ManySessionsCalls { get; init; } = 3;

    /// <summary>Warm spares configured in the warm-spare scenario (0 = skip the scenario).</summary>
    public int WarmSpares { get; init; } = 2;
    public int WarmSessions { get; init; } = 5;
    public TimeSpan SlowStart { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most sessions a system that starts a child per session (direct stdio, isolated, supergateway) is loaded with.
    /// 256 concurrent cold starts of a Node server on 2 cores is minutes of CPU and ~17 GB: a storm, not a load test.
    /// </summary>
    public int ChildSessionsMax { get; init; } = 32;

    /// <summary>Share of available memory that one run's per-session children may be expected to take before it is skipped.</summary>
    public double MemoryBudget { get; init; } = 0.8;

    /// <summary>Cold starts of each gateway build in the start-up scenario (0 = skip).</summary>
    public int StartupRuns { get; init; } = 5;

    public required string OutDir { get; init; }

    /// <summary>Where benchmarks.md and benchmarks.svg go; null writes only the raw results.</summary>
    public string? DocsDir { get; init; }

    /// <summary>The command as the user gave it, for the docs page.</summary>
    public required string CommandLine { get; init; }
}
