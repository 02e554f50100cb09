using System.Globalization;
using McpBridge.Bench.Load;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Report;

/// <summary>Whether one target of issue 3 was met in this run.</summary>
internal enum TargetStatus
{
    Met,
    Missed,
    NotMeasured,
}

/// <summary>One target of issue 3: what it asks, what this run measured, and met or missed by how much.</summary>
internal sealed partial record TargetCheck(string Target, string Measured, TargetStatus Status, string Verdict)
{
    private static readonly string[] Peers = [SystemCatalog.Supergateway, SystemCatalog.McpProxy];

    public static List<TargetCheck> Evaluate(BenchResults r) =>
    [
        .. GatewayCpu(r),
        .. SdkGatewayCpu(r),
        .. TreeCpuAgainstPeers(r),
        .. SharedThroughput(r),
        .. AddedLatency(r),
        .. SharedTreeMemory(r),
        .. IdleSessionMemory(r),
        ManySessions(r),
        .. WarmSpares(r),
        .. AggregateCpu(r),
    ];

    /// <summary>Issue 11: a call through the aggregated <c>/mcp</c> costs the gateway at most 10% more than through one server's.</summary>
    private static IEnumerable<TargetCheck> AggregateCpu(BenchResults r)
    {
        foreach (var clients in new[] { 1, 8 })
        {
            var target = $"aggregated /mcp (3 servers) gateway CPU per call at {clients} client(s) ≤ 1.10x shared";
            var single = r.At(SystemCatalog.Shared, clients);
            var aggregate = r.At(SystemCatalog.Aggregate, clients);
            yield return single?.GatewayCpuUs is { } one && aggregate?.GatewayCpuUs is { } all
                ? AtMost(target, all / one, 1.10, "x", $"{F(all, "0")} µs against {F(one, "0")} µs = {F(all / one, "0.00")}x")
                : NotMeasured(target, r, SystemCatalog.Aggregate);
        }
    }

    private static IEnumerable<TargetCheck> GatewayCpu(BenchResults r)
    {
        var peers = r.Summaries.Where(s => Peers.Contains(s.System) && s.GatewayCpuUs is not null).Select(s => s.GatewayCpuUs!.Value).ToList();
        var peerText = peers.Count > 0 ? $"; peers {F(peers.Min(), "0")}-{F(peers.Max(), "0")} µs" : "";
        foreach (var system in new[] { SystemCatalog.Isolated, SystemCatalog.Shared, SystemCatalog.SharedAot })
        {
            var target = $"gateway CPU per call, {Name(system)}: ≤ 100 µs (worst level)";
            var levels = r.Summaries.Where(s => s.System == system && s.GatewayCpuUs is not null).ToList();
            var worst = levels.MaxBy(s => s.GatewayCpuUs);
            var all = string.Join(", ", levels.Select(s => $"{F(s.GatewayCpuUs, "0")} at {s.Level.Clients}"));
            yield return worst is null
                ? NotMeasured(target, r, system)
                : AtMost(target, worst.GatewayCpuUs!.Value, 100, "µs", $"{all} clients (µs){peerText}");
        }
    }

    private static IEnumerable<TargetCheck> SharedThroughput(BenchResults r)
    {
        foreach (var clients in new[] { 8, 32 })
        {
            var shared = r.At(SystemCatalog.Shared, clients);
            var bestPeer = Peers.Select(p => r.At(p, clients)).Where(s => s?.CallsPerSecond is not null).MaxBy(s => s!.CallsPerSecond);
            var floor = r.At(SystemCatalog.EchoFloor, clients);
            var t1 = $"shared throughput at {clients} clients ≥ 2.5x the best peer";
            var t2 = $"shared throughput at {clients} clients ≥ 70% of the echo floor";
            if (shared?.CallsPerSecond is not { } cps)
            {
                yield return NotMeasured(t1, r, SystemCatalog.Shared);
                yield return NotMeasured(t2, r, SystemCatalog.Shared);
                continue;
            }

            yield return bestPeer?.CallsPerSecond is { } peer
                ? AtLeast(t1, cps / peer, 2.5, "x", $"{F(cps, "0")} calls/s = {F(cps / peer, "0.00")}x {bestPeer.System} ({F(peer, "0")})")
                : new TargetCheck(t1, "no peer measured", TargetStatus.NotMeasured, "not measured");
            yield return floor?.CallsPerSecond is { } f
                ? AtLeast(t2, cps / f * 100, 70, "%", $"{F(cps, "0")} calls/s = {F(cps / f * 100, "0")}% of the floor ({F(f, "0")})")
                : new TargetCheck(t2, "echo floor not measured", TargetStatus.NotMeasured, "not measured");
        }
    }

    private static IEnumerable<TargetCheck> AddedLatency(BenchResults r)
    {
        var stdio = r.At(SystemCatalog.Stdio, 1);
        foreach (var system in new[] { SystemCatalog.Shared, SystemCatalog.Isolated })
        {
            var target = $"p50 added over direct stdio at 1 client, {Name(system)}: ≤ 0.3 ms";
            var gw = r.At(system, 1);
            if (gw?.P50Ms is not { } p50 || stdio?.P50Ms is not { } baseP50)
            {
                yield return NotMeasured(target, r, system);
                continue;
            }

            yield return AtMost(target, p50 - baseP50, 0.3, "ms", $"{F(p50, "0.000")} - {F(baseP50, "0.000")} = {F(p50 - baseP50, "0.000")} ms");
        }
    }

    private static IEnumerable<TargetCheck> SharedTreeMemory(BenchResults r)
    {
        foreach (var system in new[] { SystemCatalog.Shared, SystemCatalog.SharedAot })
        {
            var target = $"whole tree at 32 sessions, {Name(system)}: ≤ 150 MB";
            yield return r.At(system, 32)?.TreePeakMb is { } mb
                ? AtMost(target, mb, 150, "MB", $"{F(mb, "0")} MB peak, of which the gateway {F(r.At(system, 32)?.GatewayPeakMb, "0")} MB")
                : NotMeasured(target, r, system);
        }
    }

    private static IEnumerable<TargetCheck> IdleSessionMemory(BenchResults r)
    {
        const string target = "gateway memory per additional idle isolated session (child excluded): ≤ 256 KB";
        if (r.IdleSessions.Count == 0)
        {
            yield return new TargetCheck(target, "not run", TargetStatus.NotMeasured, "not measured");
            yield break;
        }

        foreach (var build in r.IdleSessions.GroupBy(i => i.Build))
        {
            var runs = build.ToList();
            var median = Percentiles.Median(runs.Select(i => i.PerSessionKb));
            yield return median is { } kb
                ? AtMost($"{target}, {build.Key}", kb, 256, "KB", $"{F(kb, "0")} KB (median of {runs.Count}, {runs[0].Sessions} sessions added to as many)")
                : new TargetCheck($"{target}, {build.Key}", "no session opened", TargetStatus.Missed, "missed");
        }
    }

    private static TargetCheck ManySessions(BenchResults r)
    {
        var target = $"{(r.Settings.ManySessions > 0 ? r.Settings.ManySessions : 1000)} concurrent shared sessions: zero errors";
        var measured = r.ManySessions.Where(m => m.Load is not null).ToList();
        if (measured.Count == 0)
        {
            return NotMeasured(target, r, SystemCatalog.Shared, r.SharedUnavailable is null && r.ManySessions.Count > 0 ? r.ManySessions[0].Skipped : null);
        }

        var errors = measured.Sum(m => m.Load!.Errors + m.Load.Mismatches + m.Load.NotDone);
        var calls = measured.Sum(m => m.Load!.CallsOk);
        return errors == 0
            ? new TargetCheck(target, $"0 errors, {calls} calls in {measured.Count} runs", TargetStatus.Met, "met")
            : new TargetCheck(target, $"{errors} errors/mismatches/not done, {calls} calls ok", TargetStatus.Missed, $"missed by {errors} errors");
    }

    private static IEnumerable<TargetCheck> WarmSpares(BenchResults r)
    {
        var target = $"session setup p50 with warm spares, server starting in {r.Settings.SlowStart.TotalSeconds:0.#} s: ≤ 5 ms";
        var floor = Percentiles.Median(r.WarmSpares.Where(w => w.IsFloor).Select(w => w.SetupP50Ms));
        var floorText = floor is null ? "" : $"; echo floor at the same pace: {F(floor, "0.0")} ms";
        var builds = r.WarmSpares.Where(w => !w.IsFloor).GroupBy(w => w.Build).ToList();
        if (builds.Count == 0 || r.WarmSparesUnavailable is not null)
        {
            yield return new TargetCheck(target, (r.WarmSparesUnavailable is null ? "not run" : "warm spares are not available in this build") + floorText, TargetStatus.NotMeasured, "not measured");
            yield break;
        }

        foreach (var build in builds)
        {
            var cold = Percentiles.Median(build.Where(w => w.IsCold).Select(w => w.SetupP50Ms));
            var measured = $" (cold: {F(cold, "0")} ms{floorText})";
            yield return Percentiles.Median(build.Where(w => w.IsWarm).Select(w => w.SetupP50Ms)) is { } ms
                ? AtMost($"{target}, {build.Key}", ms, 5, "ms", $"{F(ms, "0.0")} ms{measured}")
                : new TargetCheck($"{target}, {build.Key}", "no session set up" + measured, TargetStatus.Missed, "missed");
        }
    }

    internal static TargetCheck AtMost(string target, double value, double limit, string unit, string measured) =>
        value <= limit
            ? new TargetCheck(target, measured, TargetStatus.Met, $"met ({F(limit - value, Fmt(limit))} {unit} to spare)")
            : new TargetCheck(target, measured, TargetStatus.Missed, $"missed by {F(value - limit, Fmt(limit))} {unit} ({F(value / limit, "0.0")}x the target)");

    internal static TargetCheck AtLeast(string target, double value, double limit, string unit, string measured) =>
        value >= limit
            ? new TargetCheck(target, measured, TargetStatus.Met, $"met ({F(value, "0.##")}{unit} against {F(limit, "0.##")}{unit})")
            : new TargetCheck(target, measured, TargetStatus.Missed, $"missed by {F(limit - value, "0.##")}{(unit == "%" ? " points" : unit)} ({F(value, "0.##")}{unit} against {F(limit, "0.##")}{unit})");

    private static TargetCheck NotMeasured(string target, BenchResults r, string system, string? why = null)
    {
        var reason = why ?? (system == SystemCatalog.Shared && r.SharedUnavailable is not null ? "`shared` is not available in this build"
            : r.Summaries.FirstOrDefault(s => s.System == system && s.Skipped is not null)?.Skipped ?? "not measured in this run");
        return new TargetCheck(target, reason, TargetStatus.NotMeasured, "not measured");
    }

    private static string Name(string system) => system switch
    {
        SystemCatalog.Shared => "shared",
        SystemCatalog.SharedAot => "shared, Native AOT",
        _ => "isolated",
    };

    internal static string Fmt(double limit) => limit < 1 ? "0.000" : limit < 10 ? "0.0" : "0";

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}
