using System.Diagnostics;
using System.Text.Json;
using McpBridge.Bench.Load;
using McpBridge.Bench.Processes;
using McpBridge.Bench.Report;
using McpBridge.Bench.Scenarios;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench;

/// <summary>One whole bench run: probe the gateway's features, run the matrix and the extra scenarios, write the results.</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchPaths paths, BenchSettings settings, CancellationToken cancellationToken)
    {
        if (paths.Problems(settings.Systems, settings.SdkSystems) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"bench: {problem}");
            }

            return 2;
        }

        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.OutDir);
        var machine = MachineInfo.Read();
        var versions = await VersionsAsync(paths, cancellationToken);
        Progress.Line($"bench: {machine.Cores} cores, {machine.CpuModel}, {machine.MemoryGiB:0.0} GiB; {string.Join(", ", versions.Select(v => $"{v.Key} {v.Value}"))}");
        Progress.Line($"bench: levels {string.Join(" ", settings.Levels)}, reps {settings.Reps}, raw results in {settings.OutDir}");

        var availability = await Availability.ProbeAsync(paths, settings, cancellationToken);
        Progress.Line($"bench: shared pool: {availability.SharedReason ?? "available"}{(availability.SharedCheck is { } c ? $" (first call failed: {c})" : "")}");
        Progress.Line($"bench: warm spares: {availability.WarmSparesReason ?? "available"}");

        var catalog = SystemCatalog.Build(paths, settings.PoolSize);
        var systems = catalog.Where(s => settings.Systems.Contains(s.Name)).ToList();
        var records = await new ThroughputScenario(paths, settings, availability).RunAsync(systems, cancellationToken);

        List<IdleSessionsRecord> idle = [];
        if (settings.IdleSessions > 0 && settings.Systems.Contains(SystemCatalog.Isolated))
        {
            idle = await new IdleSessionsScenario(paths, settings).RunAsync(cancellationToken);
        }

        List<RunRecord> many = [];
        if (settings.ManySessions > 0 && settings.Systems.Contains(SystemCatalog.Shared))
        {
            many = await ManySessionsAsync(paths, settings, availability, catalog, cancellationToken);
        }

        List<WarmSparesRecord> warm = [];
        if (settings.WarmSpares > 0 && settings.Systems.Contains(SystemCatalog.Isolated))
        {
            warm = await new WarmSparesScenario(paths, settings, availability).RunAsync(cancellationToken);
        }

        List<StartupRecord> startup = [];
        if (settings.StartupRuns > 0 && settings.Systems.Contains(SystemCatalog.Isolated))
        {
            startup = await new StartupScenario(paths, settings).RunAsync(cancellationToken);
        }

        var labels = systems.Select(s => (s.Name, s.Label)).ToList();
        var results = new BenchResults
        {
            Machine = machine,
            Settings = settings,
            Versions = versions,
            CommandLines = systems.ToDictionary(s => s.Name, s => Relative(paths, DocsCommandLine(paths, s))),
            Started = started,
            Duration = clock.Elapsed,
            LoadAverages = Progress.LoadAverages,
            SharedUnavailable = availability.SharedReason,
            WarmSparesUnavailable = availability.WarmSparesReason,
            Summaries = LevelSummary.Summarize([.. records.Where(r => r.Client == ClientKind.Bench)], [.. systems.Select(s => s.Name)], settings.Levels),
            SdkSummaries = LevelSummary.Summarize([.. records.Where(r => r.Client == ClientKind.Sdk)], [.. systems.Select(s => s.Name).Where(settings.SdkSystems.Contains)], settings.Levels),
            IdleSessions = idle,
            ManySessions = many,
            WarmSpares = warm,
            Startup = startup,
        };
        var targets = TargetCheck.Evaluate(results);
        var routerTargets = RouterTargets.Evaluate(results);
        await ResultFiles.WriteAsync(settings.OutDir, "summary.json",
            new { results.Summaries, results.SdkSummaries, Targets = targets, RouterOverhead = RouterOverhead.Compute(results), RouterTargets = routerTargets }, cancellationToken);

        var markdown = MarkdownReport.Render(results, labels, targets);
        await File.WriteAllTextAsync(Path.Combine(settings.OutDir, "benchmarks.md"), markdown, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(settings.OutDir, "benchmarks.svg"), SvgChart.Render(results, labels), cancellationToken);
        if (settings.DocsDir is { } docs)
        {
            Directory.CreateDirectory(docs);
            File.Copy(Path.Combine(settings.OutDir, "benchmarks.md"), Path.Combine(docs, "benchmarks.md"), overwrite: true);
            File.Copy(Path.Combine(settings.OutDir, "benchmarks.svg"), Path.Combine(docs, "benchmarks.svg"), overwrite: true);
            Progress.Line($"bench: wrote {Path.Combine(docs, "benchmarks.md")} and benchmarks.svg");
        }

        Progress.Line("");
        foreach (var t in targets.Concat(routerTargets))
        {
            Progress.Line($"  [{t.Status}] {t.Target}: {t.Measured} -> {t.Verdict}");
        }

        Progress.Line($"bench: done in {clock.Elapsed.TotalMinutes:0.0} min; raw results in {settings.OutDir}");
        return 0;
    }

    private static async Task<List<RunRecord>> ManySessionsAsync(BenchPaths paths, BenchSettings settings, Availability availability, IReadOnlyList<SystemSpec> catalog, CancellationToken cancellationToken)
    {
        var shared = catalog.Single(s => s.Name == SystemCatalog.Shared);
        var level = new LoadLevel(settings.ManySessions, settings.ManySessionsCalls);
        // A capacity check, not a CPU measurement: no warm-up rounds of 1,000 sessions, and the bench's client alone.
        var scenario = new ThroughputScenario(paths, settings with { Levels = [level], WarmupRounds = 0, SdkSystems = [] }, availability);
        List<RunRecord> records = [];
        for (var rep = 1; rep <= settings.Reps; rep++)
        {
            var one = await scenario.RunAsync([shared], cancellationToken, onlyRep: rep);
            records.AddRange(one);
            if (one.All(r => r.Skipped is not null))
            {
                break; // not in this build: once is enough to say so
            }
        }

        return records;
    }

    // Ports are chosen per run: 0 stands for the system's own, 1 for its backend's (the router's replica).
    private static string DocsCommandLine(BenchPaths paths, SystemSpec s) => s.IsStdio
        ? $"{paths.Node} {string.Join(' ', paths.EverythingArgs)}  (one per session)"
        : s.CommandLine(0, 1)
            .Replace("127.0.0.1:0", "127.0.0.1:PORT", StringComparison.Ordinal)
            .Replace("127.0.0.1:1", "127.0.0.1:REPLICA_PORT", StringComparison.Ordinal)
            .Replace(" 0 ", " PORT ", StringComparison.Ordinal);

    private static string Relative(BenchPaths paths, string command) => command.Replace(paths.RepoRoot + "/", "", StringComparison.Ordinal);

    private static async Task<Dictionary<string, string>> VersionsAsync(BenchPaths paths, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, string>
        {
            ["McpBridge"] = await GitCommitAsync(paths, cancellationToken),
            ["node"] = (await OutputOfAsync(paths.Node, ["--version"], paths.RepoRoot, cancellationToken)).Trim(),
        };
        foreach (var package in new[] { "@modelcontextprotocol/server-everything", "supergateway", "mcp-proxy" })
        {
            var file = Path.Combine(paths.NodeModules, package, "package.json");
            if (File.Exists(file))
            {
                using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(file, cancellationToken));
                versions[package] = doc.RootElement.GetProperty("version").GetString() ?? "?";
            }
        }

        return versions;
    }

    private static async Task<string> GitCommitAsync(BenchPaths paths, CancellationToken cancellationToken)
    {
        var commit = (await OutputOfAsync("git", ["rev-parse", "--short", "HEAD"], paths.RepoRoot, cancellationToken)).Trim();
        var dirty = (await OutputOfAsync("git", ["status", "--porcelain", "--", "gateway"], paths.RepoRoot, cancellationToken)).Trim().Length > 0;
        return commit.Length == 0 ? "unknown commit" : dirty ? $"commit {commit} + uncommitted gateway changes" : $"commit {commit}";
    }

    private static async Task<string> OutputOfAsync(string file, string[] args, string cwd, CancellationToken cancellationToken)
    {
        try
        {
            var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? output : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
