using McpBridge.Bench.Load;
using McpBridge.Bench.Processes;
using McpBridge.Bench.SdkClient;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Scenarios;

/// <summary>
/// The main matrix: every system at every level, repeated; each run starts its system fresh on a free loopback
/// port, warms it up with one session, then loads it while /proc is sampled. Repetitions are the outer loop, so
/// drift on the shared machine spreads over all systems alike. A system in <see cref="BenchSettings.SdkSystems"/> is
/// then run once more, started fresh again, with the second client (the official TypeScript SDK) doing the same.
/// </summary>
internal sealed class ThroughputScenario(BenchPaths paths, BenchSettings settings, Availability availability)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const long DefaultChildKb = 80 * 1024;

    /// <summary>Runs every level of every system, <see cref="BenchSettings.Reps"/> times, or only repetition <paramref name="onlyRep"/>.</summary>
    public async Task<List<RunRecord>> RunAsync(IReadOnlyList<SystemSpec> systems, CancellationToken cancellationToken, int? onlyRep = null)
    {
        List<RunRecord> records = [];
        var runner = new LoadRunner(settings.RunTimeout, settings.CallTimeout);
        for (var rep = onlyRep ?? 1; rep <= (onlyRep ?? settings.Reps); rep++)
        {
            foreach (var level in settings.Levels)
            {
                foreach (var spec in systems)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var client in ClientsOf(spec))
                    {
                        var record = await RunOneAsync(runner, spec, level, rep, client, records, cancellationToken);
                        records.Add(record);
                        Progress.Run(record);
                        var tag = client == ClientKind.Bench ? "" : $"__{client}";
                        await ResultFiles.WriteAsync(settings.OutDir, $"runs/{spec.Name}__{level}{tag}__r{rep}.json", record, cancellationToken);
                    }
                }
            }
        }

        return records;
    }

    private IEnumerable<string> ClientsOf(SystemSpec spec) =>
        spec.IsStdio || !settings.SdkSystems.Contains(spec.Name) ? [ClientKind.Bench] : [ClientKind.Bench, ClientKind.Sdk];

    private async Task<RunRecord> RunOneAsync(LoadRunner runner, SystemSpec spec, LoadLevel level, int rep, string client, List<RunRecord> earlier, CancellationToken cancellationToken)
    {
        var record = new RunRecord { System = spec.Name, Clients = level.Clients, CallsPerClient = level.CallsPerClient, Rep = rep, Client = client };
        if (availability.Unavailable(spec.Name) is { } why)
        {
            return record with { Skipped = why };
        }

        if (MemoryShortfall(spec, level, earlier) is { } shortfall)
        {
            return record with { Skipped = shortfall };
        }

        return spec.IsStdio
            ? await RunStdioAsync(runner, level, record, cancellationToken)
            : await RunHttpAsync(runner, spec, level, record, cancellationToken);
    }

    private async Task<RunRecord> RunStdioAsync(LoadRunner runner, LoadLevel level, RunRecord record, CancellationToken cancellationToken)
    {
        var check = await SessionFactory.WarmUpAsync(SessionFactory.Stdio(paths, "bench-warmup"), settings.WarmupCalls, settings.WarmupDuration, cancellationToken);
        await ProcessSettling.WaitStableAsync(Environment.ProcessId, cancellationToken);
        LoadMeasurement load;
        RssSampler sampler;
        await using (sampler = RssSampler.Start(Environment.ProcessId, minDepth: 1))
        {
            load = await runner.RunAsync(level, i => SessionFactory.Stdio(paths, $"bench-{i}"), CpuProbe.OwnChildren, cancellationToken);
        }

        return record with
        {
            CheckError = check,
            Load = load,
            PeakTreeKb = sampler.PeakTreeKb,
            MaxProcesses = sampler.MaxProcesses,
            CommandLine = $"{paths.Node} {string.Join(' ', paths.EverythingArgs)} (one per session)",
        };
    }

    private async Task<RunRecord> RunHttpAsync(LoadRunner runner, SystemSpec spec, LoadLevel level, RunRecord record, CancellationToken cancellationToken)
    {
        var tag = record.Client == ClientKind.Bench ? "" : $"__{record.Client}";
        var log = Path.Combine(settings.OutDir, "logs", $"{spec.Name}__{level}{tag}__r{record.Rep}.log");
        RunningSystem system;
        try
        {
            system = await RunningSystem.StartAsync(spec, log, StartTimeout, cancellationToken);
        }
        catch (SystemStartException e)
        {
            return record with { Skipped = e.Message };
        }

        await using (system)
        {
            int[] backends = system.BackendPid is { } backend ? [backend] : [];
            var cpu = CpuProbe.Gateway(system.Pid, backends);
            using var http = SessionFactory.NewHttpClient();
            string? check;
            LoadMeasurement load;
            RssSampler sampler;
            if (record.Client == ClientKind.Sdk)
            {
                // The script warms the system up itself (the same one session and rounds), then waits for the go; the
                // peaks sampled here include its warm-up, so the report shows no memory for this client.
                var clientLog = Path.ChangeExtension(log, ".client.log");
                try
                {
                    await using (sampler = RssSampler.Start(system.Pid, backends))
                    {
                        (check, load) = await new SdkClientRun(paths, settings).RunAsync(system.Endpoint, level, cpu, system.Pid, clientLog, cancellationToken);
                    }
                }
                catch (SdkClientException e)
                {
                    return record with { Skipped = e.Message, CommandLine = system.CommandLine };
                }
            }
            else
            {
                check = await SessionFactory.WarmUpAsync(SessionFactory.Http(http, system, "bench-warmup"), settings.WarmupCalls, settings.WarmupDuration, cancellationToken);
                check ??= await WarmUpRoundsAsync(level, i => SessionFactory.Http(http, system, $"bench-warm-{i}"), cpu, cancellationToken);
                await ProcessSettling.WaitStableAsync(system.Pid, cancellationToken);
                await using (sampler = RssSampler.Start(system.Pid, backends))
                {
                    load = await runner.RunAsync(level, i => SessionFactory.Http(http, system, $"bench-{i}"), cpu, cancellationToken);
                }
            }

            return record with
            {
                CheckError = check,
                Load = load,
                PeakGatewayKb = sampler.PeakRootKb,
                PeakTreeKb = sampler.PeakTreeKb,
                MaxProcesses = sampler.MaxProcesses,
                CommandLine = system.CommandLine,
            };
        }
    }

    // After one session alone, the first round at the level's concurrency still cost mcp-proxy and the gateway 2-4x
    // their steady CPU per call (issue 15): rounds of the level itself, unmeasured, bring both to the steady state.
    private async Task<string?> WarmUpRoundsAsync(LoadLevel level, Func<int, Client.IMcpSession> newSession, CpuProbe cpu, CancellationToken cancellationToken)
    {
        var runner = new LoadRunner(settings.RunTimeout, settings.CallTimeout);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 1; settings.WarmupRounds > 0 && (round <= settings.WarmupRounds || (round <= BenchSettings.MaxWarmupRounds && clock.Elapsed < settings.WarmupRoundsDuration)); round++)
        {
            var warm = await runner.RunAsync(level, newSession, cpu, cancellationToken);
            if (warm.Errors + warm.Mismatches + warm.NotDone > 0)
            {
                return $"warm-up round {round}: {(warm.FirstErrors.Count > 0 ? warm.FirstErrors[0] : $"{warm.Errors} errors, {warm.Mismatches} mismatches, {warm.NotDone} not done")}";
            }
        }

        return null;
    }

    // A child per session: 256 sessions of a ~70 MB Node server need ~18 GB. Skip a run that would not fit, estimated
    // from this system's own earlier peak per session, rather than push the shared machine into swapless OOM.
    private string? MemoryShortfall(SystemSpec spec, LoadLevel level, List<RunRecord> earlier)
    {
        if (!spec.ChildPerSession || level.Clients <= 32)
        {
            return null;
        }

        if (level.Clients > settings.ChildSessionsMax)
        {
            return $"skipped: {level.Clients} sessions would cold-start {level.Clients} Node children at once (--child-sessions-max {settings.ChildSessionsMax})";
        }

        var perSession = earlier.Where(r => r.System == spec.Name && r.Load is not null && r.Clients > 1)
            .Select(r => r.PeakTreeKb / r.Clients)
            .DefaultIfEmpty(DefaultChildKb)
            .Max();
        var needKb = perSession * (level.Clients + 1);
        var availableKb = MachineInfo.MemAvailableKb();
        return needKb <= availableKb * settings.MemoryBudget
            ? null
            : $"skipped: {level.Clients} sessions with a child each need about {needKb / 1048576.0:0.0} GiB, " +
              $"{availableKb / 1048576.0:0.0} GiB available (budget {settings.MemoryBudget:P0})";
    }
}
