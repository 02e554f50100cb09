using McpBridge.Bench.Processes;

namespace McpBridge.Bench.Load;

/// <summary>CPU ticks read from /proc over a run, as microseconds per successful call.</summary>
internal static class CpuPerCall
{
    /// <summary>The least CPU, in clock ticks, from which a run reports CPU per call (20 ticks: 0.2 s, at most 5% rounding).</summary>
    public const long MinTicks = 20;

    // /proc counts CPU in clock ticks (10 ms): below MinTicks a run's CPU per call is mostly rounding (a 10-call run
    // showed 0 µs), so it is left unmeasured rather than reported.

    /// <summary>Microseconds per call of <paramref name="ticks"/> over <paramref name="calls"/>; null for no calls or too few ticks.</summary>
    public static double? Of(long? ticks, int calls) =>
        calls > 0 && ticks is { } t && t >= MinTicks ? t * 1e6 / ProcStat.TicksPerSecond / calls : null;
}
