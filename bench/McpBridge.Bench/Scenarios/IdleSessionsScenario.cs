using McpBridge.Bench.Client;
using McpBridge.Bench.Load;
using McpBridge.Bench.Processes;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Scenarios;

/// <summary>The gateway's own memory (children excluded) per additional idle isolated session, for one gateway build.</summary>
internal sealed record IdleSessionsRecord(string Build, int Rep, int Sessions, long BaseKb, long AfterKb, double? PerSessionKb, int Errors, string? Problem);

/// <summary>
/// Opens N sessions (one call each, then idle) and lets the gateway settle: the first sessions also pay one-off costs
/// (the JIT compiling and re-compiling the session path, the thread pool and the native allocator growing), which are
/// not what another session costs. Reads the gateway's RSS, opens N more, settles and reads again: the difference over
/// N is what one more idle session costs the gateway process itself. Run for each gateway build (JIT, and Native AOT
/// when published), the builds taking turns.
/// </summary>
internal sealed class IdleSessionsScenario(BenchPaths paths, BenchSettings settings)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public async Task<List<IdleSessionsRecord>> RunAsync(CancellationToken cancellationToken)
    {
        List<IdleSessionsRecord> records = [];
        for (var rep = 1; rep <= settings.Reps; rep++)
        {
            foreach (var gateway in paths.GatewayBuilds)
            {
                var build = paths.WithGateway(gateway);
                var record = await RunOnceAsync(build, rep, cancellationToken);
                records.Add(record);
                Progress.Line($"  idle isolated sessions, {record.Build} r{rep}: {record.Sessions} sessions added to as many, gateway {record.BaseKb / 1024.0:0.0} -> {record.AfterKb / 1024.0:0.0} MB, " +
                    $"{record.PerSessionKb:0} KB/session, errors {record.Errors}{(record.Problem is null ? "" : $" ({record.Problem})")}");
            }
        }

        await ResultFiles.WriteAsync(settings.OutDir, "idle-sessions.json", records, cancellationToken);
        return records;
    }

    private async Task<IdleSessionsRecord> RunOnceAsync(BenchPaths build, int rep, CancellationToken cancellationToken)
    {
        var n = settings.IdleSessions;
        var spec = SystemCatalog.Gateway(build, SystemCatalog.Isolated, "McpBridge isolated", []);
        var log = Path.Combine(settings.OutDir, "logs", $"idle-sessions__{build.BuildTag}__r{rep}.log");
        await using var system = await RunningSystem.StartAsync(spec, log, TimeSpan.FromSeconds(60), cancellationToken);
        using var http = SessionFactory.NewHttpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.RunTimeout);
        List<IMcpSession> open = [];
        var errors = 0;
        try
        {
            errors += await OpenAsync(http, system, n, open, deadline.Token);
            var baseKb = await SettledRssAsync(system.Pid, cancellationToken);
            var before = open.Count;
            errors += await OpenAsync(http, system, n, open, deadline.Token);
            var afterKb = await SettledRssAsync(system.Pid, cancellationToken);
            var added = open.Count - before;
            return new IdleSessionsRecord(build.BuildName, rep, added, baseKb, afterKb, added > 0 ? (afterKb - baseKb) / (double)added : null, errors, null);
        }
        finally
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await Task.WhenAll(open.Select(s => s.CloseAsync(closing.Token)));
        }
    }

    // Opens `count` sessions at once, each with one checked call; keeps the ones that worked open. Returns the failures.
    private static async Task<int> OpenAsync(HttpClient http, RunningSystem system, int count, List<IMcpSession> open, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var session = SessionFactory.Http(http, system, $"bench-idle-{open.Count + i}");
            try
            {
                await session.ConnectAsync(cancellationToken);
                var outcome = await session.CallEchoAsync($"idle-{open.Count + i}", cancellationToken);
                return outcome.Status == CallStatus.Ok ? session : null;
            }
            catch (Exception e) when (e is McpBenchException or HttpRequestException or IOException or OperationCanceledException)
            {
                return null;
            }
        }));
        open.AddRange(results.OfType<IMcpSession>());
        return results.Count(r => r is null);
    }

    // Once the tree has stopped changing, the median of a few readings of the gateway's own RSS.
    internal static async Task<long> SettledRssAsync(int pid, CancellationToken cancellationToken)
    {
        await ProcessSettling.WaitStableAsync(pid, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        List<double?> samples = [];
        for (var i = 0; i < 5; i++)
        {
            samples.Add(ProcStat.RssKb(pid));
            await Task.Delay(200, cancellationToken);
        }

        return (long)(Percentiles.Median(samples) ?? 0);
    }
}
