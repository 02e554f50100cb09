using System.Globalization;

namespace McpBridge.Bench.Report;

/// <summary>The router's targets (issue 13), checked on the <see cref="RouterOverhead"/> rows of the same run.</summary>
internal static class RouterTargets
{
    public static List<TargetCheck> Evaluate(BenchResults r)
    {
        var rows = RouterOverhead.Compute(r);
        return
        [
            Throughput(rows, 1, 0.70),
            Throughput(rows, 8, 0.80),
            Throughput(rows, 32, 0.80),
            RouterCpu(rows, 8),
            RouterCpu(rows, 32),
            AddedP50(rows, 1),
        ];
    }

    private static TargetCheck Throughput(List<RouterOverhead> rows, int clients, double least)
    {
        var target = $"via router at {clients} client(s): ≥ {F(least, "0.00")}x the direct calls/s";
        return At(rows, clients) is { ThroughputRatio: { } ratio } o
            ? TargetCheck.AtLeast(target, ratio, least, "x", $"{F(o.RoutedCallsPerSecond, "0")} / {F(o.DirectCallsPerSecond, "0")} calls/s = {F(ratio, "0.00")}x")
            : NotMeasured(target, clients);
    }

    private static TargetCheck RouterCpu(List<RouterOverhead> rows, int clients)
    {
        var target = $"router CPU per call at {clients} clients: ≤ 60 µs";
        return At(rows, clients) is { RouterCpuUs: { } us }
            ? TargetCheck.AtMost(target, us, 60, "µs", $"{F(us, "0")} µs")
            : NotMeasured(target, clients);
    }

    private static TargetCheck AddedP50(List<RouterOverhead> rows, int clients)
    {
        var target = $"p50 added by the router at {clients} client: ≤ 0.15 ms";
        return At(rows, clients) is { AddedP50Ms: { } added } o
            ? TargetCheck.AtMost(target, added, 0.15, "ms", $"{F(o.RoutedP50Ms, "0.000")} - {F(o.DirectP50Ms, "0.000")} = {F(added, "0.000")} ms")
            : NotMeasured(target, clients);
    }

    private static RouterOverhead? At(List<RouterOverhead> rows, int clients) => rows.FirstOrDefault(o => o.Level.Clients == clients);

    private static TargetCheck NotMeasured(string target, int clients) =>
        new(target, $"no level with {clients} client(s) measured both direct and via router", TargetStatus.NotMeasured, "not measured");

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}
