using System.Globalization;
using McpBridge.Bench.Client;
using McpBridge.Bench.Load;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Scenarios;

/// <summary>Session set-up times of one configuration (a gateway build serving a slow-starting server, or the echo floor).</summary>
internal sealed record WarmSparesRecord(string Build, string Config, int Rep, IReadOnlyList<double> SetupMs, double? SetupP50Ms, int Errors, string? Problem)
{
    /// <summary>The <see cref="Config"/> of the echo floor run at the same pace: what a set-up costs on this machine with no child at all.</summary>
    public const string FloorConfig = "echo floor (no child)";

    public bool IsCold => Config.StartsWith("cold", StringComparison.Ordinal);

    public bool IsFloor => Config == FloorConfig;

    public bool IsWarm => !IsCold && !IsFloor;
}

/// <summary>
/// A server that needs <see cref="BenchSettings.SlowStart"/> before it even starts (<c>sh -c "sleep S; exec node ..."</c>),
/// behind an isolated gateway, cold and with warm spares, for each gateway build (JIT, and Native AOT when published).
/// Sessions arrive one at a time, slower than a spare is refilled, as users do; each session's set-up (initialize +
/// initialized) is timed and checked with one call. The echo floor, started fresh and paced the same way, is the
/// reference: what one set-up after an idle pause costs on this machine when no child is involved at all.
/// </summary>
internal sealed class WarmSparesScenario(BenchPaths paths, BenchSettings settings, Availability availability)
{
    public async Task<List<WarmSparesRecord>> RunAsync(CancellationToken cancellationToken)
    {
        List<WarmSparesRecord> records = [];
        var seconds = settings.SlowStart.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        string[] slowServer = ["/bin/sh", "-c", $"sleep {seconds} && exec '{paths.Node}' '{paths.Everything}' stdio"];
        List<(string Config, IReadOnlyList<string> Options)> configs = [("cold (no spares)", [])];
        if (availability.WarmSparesReason is null)
        {
            configs.Add(($"WarmSpares={settings.WarmSpares}", [$"--Servers:{SystemCatalog.ServerName}:WarmSpares={settings.WarmSpares}"]));
        }

        var floor = SystemCatalog.Build(paths, settings.PoolSize).Single(s => s.Name == SystemCatalog.EchoFloor);
        for (var rep = 1; rep <= settings.Reps; rep++)
        {
            foreach (var gateway in paths.GatewayBuilds)
            {
                var build = paths.WithGateway(gateway);
                foreach (var (config, options) in configs)
                {
                    var spec = SystemCatalog.Gateway(build, "mcpbridge-slow-server", config, options, slowServer);
                    var kind = options.Count == 0 ? "cold" : "warm";
                    records.Add(Report(await RunOnceAsync(spec, build.BuildName, config, $"{kind}__{build.BuildTag}", rep, cancellationToken)));
                }
            }

            records.Add(Report(await RunOnceAsync(floor, "", WarmSparesRecord.FloorConfig, "floor", rep, cancellationToken)));
        }

        await ResultFiles.WriteAsync(settings.OutDir, "warm-spares.json", records, cancellationToken);
        return records;
    }

    private static WarmSparesRecord Report(WarmSparesRecord record)
    {
        Progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"  slow server, {(record.IsFloor ? "" : record.Build + ", ")}{record.Config} r{record.Rep}: setup p50 {record.SetupP50Ms:0.0} ms ({string.Join(", ", record.SetupMs.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))}), errors {record.Errors}{(record.Problem is null ? "" : $" ({record.Problem})")}"));
        return record;
    }

    private async Task<WarmSparesRecord> RunOnceAsync(SystemSpec spec, string build, string config, string logTag, int rep, CancellationToken cancellationToken)
    {
        var log = Path.Combine(settings.OutDir, "logs", $"warm-spares__{logTag}__r{rep}.log");
        await using var system = await RunningSystem.StartAsync(spec, log, TimeSpan.FromSeconds(60), cancellationToken);
        using var http = SessionFactory.NewHttpClient();
        List<IMcpSession> open = [];
        List<double> setups = [];
        var errors = 0;
        string? problem = null;
        var pace = settings.SlowStart + TimeSpan.FromSeconds(1.5);
        try
        {
            await Task.Delay(settings.SlowStart + TimeSpan.FromSeconds(3), cancellationToken); // spares, if any, get ready
            for (var i = 0; i < settings.WarmSessions; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(pace, cancellationToken);
                }

                var session = SessionFactory.Http(http, system, $"bench-warm-{i}");
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(TimeSpan.FromSeconds(60));
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await session.ConnectAsync(limit.Token);
                    setups.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    open.Add(session);
                    var outcome = await session.CallEchoAsync($"warm-{i}", limit.Token);
                    if (outcome.Status != CallStatus.Ok)
                    {
                        errors++;
                        problem ??= outcome.Detail;
                    }
                }
                catch (Exception e) when (e is McpBenchException or HttpRequestException or IOException or OperationCanceledException)
                {
                    errors++;
                    problem ??= e.Message;
                }
            }
        }
        finally
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await Task.WhenAll(open.Select(s => s.CloseAsync(closing.Token)));
        }

        return new WarmSparesRecord(build, config, rep, setups, Percentiles.Of([.. setups.Order()], 50), errors, problem);
    }
}
