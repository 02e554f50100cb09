using System.Diagnostics;
using System.Globalization;
using System.Net;
using McpBridge.Bench.Client;
using McpBridge.Bench.Processes;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Scenarios;

/// <summary>
/// One cold start of one gateway build: ms from process start to the first 200 of <c>/healthz</c> (the gateway
/// listens) and of <c>/readyz</c> (its first child also answered <c>initialize</c>), the gateway's CPU until then, and
/// its settled RSS with one session open.
/// </summary>
internal sealed record StartupRecord(string Build, string Gateway, int Run, double? HealthyMs, double? ReadyMs, double? CpuMs, long? IdleRssKb, string? Problem);

/// <summary>
/// Start-up of the JIT gateway (<c>dotnet McpBridge.Gateway.dll</c>) against the Native AOT one (<c>make publish</c>),
/// each serving server-everything: every build of <see cref="BenchPaths.GatewayBuilds"/> is started cold
/// <see cref="BenchSettings.StartupRuns"/> times, the builds taking turns so that drift on the shared machine falls on
/// both alike. <c>/healthz</c> and then <c>/readyz</c> are polled every <see cref="PollInterval"/> from the moment the
/// process is started.
/// </summary>
internal sealed class StartupScenario(BenchPaths paths, BenchSettings settings)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public async Task<List<StartupRecord>> RunAsync(CancellationToken cancellationToken)
    {
        List<StartupRecord> records = [];
        for (var run = 1; run <= settings.StartupRuns; run++)
        {
            foreach (var gateway in paths.GatewayBuilds)
            {
                var record = await RunOnceAsync(paths.WithGateway(gateway), run, cancellationToken);
                records.Add(record);
                Progress.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  start-up {record.Build,-10} r{run}: /healthz {record.HealthyMs:0} ms, /readyz {record.ReadyMs:0} ms, CPU {record.CpuMs:0} ms, idle RSS {record.IdleRssKb / 1024.0:0.0} MB{(record.Problem is null ? "" : $" ({record.Problem})")}"));
            }
        }

        await ResultFiles.WriteAsync(settings.OutDir, "startup.json", records, cancellationToken);
        return records;
    }

    private async Task<StartupRecord> RunOnceAsync(BenchPaths build, int run, CancellationToken cancellationToken)
    {
        var name = build.BuildName;
        var gateway = Path.GetRelativePath(paths.RepoRoot, build.GatewayPath);
        var spec = SystemCatalog.Gateway(build, "mcpbridge-startup", name, []);
        var port = Loopback.FreePort();
        var log = Path.Combine(settings.OutDir, "logs", $"startup__{build.BuildTag}__r{run}.log");
        using var http = SessionFactory.NewHttpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        var clock = Stopwatch.StartNew();
        await using var process = LaunchedProcess.Start(spec.Command, spec.ArgsFor(port, 0), log);
        var healthy = await FirstOkAsync(http, new Uri($"{SystemCatalog.Url(port)}/healthz"), process, clock, deadline.Token);
        var ready = healthy is null ? null : await FirstOkAsync(http, new Uri($"{SystemCatalog.Url(port)}/readyz"), process, clock, deadline.Token);
        cancellationToken.ThrowIfCancellationRequested();
        if (ready is null)
        {
            var why = process.HasExited ? "exited" : $"not ready within {StartTimeout.TotalSeconds:0} s";
            return new StartupRecord(name, gateway, run, healthy, null, null, null, $"{why}: {process.LogTail()}");
        }

        var cpuMs = ProcStat.Read(process.Pid) is { } stat ? stat.CpuTicks * 1000 / ProcStat.TicksPerSecond : (double?)null;
        var session = new HttpMcpSession(http, new Uri($"{SystemCatalog.Url(port)}/mcp"), $"bench-startup-{run}");
        try
        {
            await session.ConnectAsync(cancellationToken);
            var outcome = await session.CallEchoAsync($"startup-{run}", cancellationToken);
            var rss = await IdleSessionsScenario.SettledRssAsync(process.Pid, cancellationToken);
            return new StartupRecord(name, gateway, run, healthy, ready, cpuMs, rss, outcome.Status == CallStatus.Ok ? null : outcome.Detail);
        }
        catch (Exception e) when (e is McpBenchException or HttpRequestException or IOException)
        {
            return new StartupRecord(name, gateway, run, healthy, ready, cpuMs, null, e.Message);
        }
        finally
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await session.CloseAsync(closing.Token);
        }
    }

    // Milliseconds from the start of the process to the first 200 of url; null when it exits or the deadline passes first.
    private static async Task<double?> FirstOkAsync(HttpClient http, Uri url, LaunchedProcess process, Stopwatch clock, CancellationToken deadline)
    {
        try
        {
            while (!process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync(url, deadline);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(PollInterval, deadline);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        return null;
    }
}
