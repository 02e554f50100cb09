using System.CommandLine;
using McpBridge.Bench.EchoFloor;
using McpBridge.Bench.Load;
using McpBridge.Bench.ProxyFloor;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench;

/// <summary>
/// <c>McpBridge.Bench [--quick] [--systems LIST] [--levels 1x1000,8x250] [--reps N] ...</c> runs the benchmark;
/// <c>McpBridge.Bench echo-floor --urls URL</c> is the no-child echo server that the benchmark starts itself.
/// </summary>
internal static class BenchCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var systems = new Option<string>("--systems") { Description = $"Comma list of systems (default all): {string.Join(",", SystemCatalog.All)}." };
        var levels = new Option<string>("--levels") { Description = $"Load levels CLIENTSxCALLS (default {BenchSettings.DefaultLevels}; --quick {BenchSettings.QuickLevels})." };
        var reps = new Option<int?>("--reps") { Description = "Repetitions per system and level; medians are reported (default 3; --quick 1)." };
        var quick = new Option<bool>("--quick") { Description = "Small levels, one repetition, small extra scenarios: for development, not for the docs." };
        var runTimeout = new Option<int>("--run-timeout-s") { Description = "Hard bound of one load run in seconds.", DefaultValueFactory = _ => 180 };
        var poolSize = new Option<int>("--pool-size") { Description = "PoolSize of the shared policy (2: the core count here).", DefaultValueFactory = _ => 2 };
        var idle = new Option<int?>("--idle-sessions") { Description = "Idle isolated sessions for the gateway's memory per session (default 32; 0 skips)." };
        var many = new Option<int?>("--many-sessions") { Description = "Concurrent shared sessions for the capacity check (default 1000; 0 skips)." };
        var spares = new Option<int?>("--warm-spares") { Description = "WarmSpares for the warm-spare scenario (default 2; 0 skips)." };
        var warmSessions = new Option<int?>("--warm-sessions") { Description = "Sessions opened one by one in the warm-spare scenario (default 5)." };
        var slowStart = new Option<int>("--slow-start-ms") { Description = "Start-up delay of the slow server in the warm-spare scenario, ms.", DefaultValueFactory = _ => 1000 };
        var budget = new Option<double>("--memory-budget") { Description = "Share of available memory that one run's per-session children may need before the run is skipped.", DefaultValueFactory = _ => 0.8 };
        var startupRuns = new Option<int?>("--startup-runs") { Description = "Cold starts of each gateway build (JIT, Native AOT when published) for time to /readyz and idle RSS (default 5; --quick 3; 0 skips)." };
        var childMax = new Option<int>("--child-sessions-max") { Description = "Most sessions for systems that start a child per session (256 would cold-start 256 Node servers at once).", DefaultValueFactory = _ => 32 };
        var outDir = new Option<string?>("--out") { Description = "Folder for raw results (default bench/out/TIMESTAMP)." };
        var docs = new Option<string?>("--docs") { Description = "Folder for benchmarks.md and benchmarks.svg (default docs/)." };
        var noDocs = new Option<bool>("--no-docs") { Description = "Write only the raw results, not the docs page." };
        var repo = new Option<string?>("--repo") { Description = "The repository root (default: found above this program)." };
        var gateway = new Option<string?>("--gateway") { Description = "The gateway: a dll run by dotnet (default artifacts/bin/McpBridge.Gateway/release/McpBridge.Gateway.dll), or a native executable run as it is (make publish: artifacts/publish/gateway-aot/McpBridge.Gateway)." };
        var warmupRounds = new Option<int?>("--warmup-rounds") { Description = "Unmeasured rounds of each level (all its sessions at once) after the one-session warm-up, so that the measured round is the steady state; more follow, up to 5, until they have taken 10 s (default 1; --quick 0)." };
        var sdkSystems = new Option<string>("--sdk-systems") { Description = $"Systems that the second client, the official TypeScript SDK (bench/sdk-client), loads too at every level, each run after the bench client's (default {string.Join(",", SystemCatalog.SdkDefault)}; none skips)." };
        var router = new Option<string?>("--router") { Description = "The router: a native executable run as it is (default: its Native AOT build, artifacts/publish/router-aot/McpBridge.Router, once make publish-router made it), or a dll run by dotnet (default otherwise: artifacts/bin/McpBridge.Router/release/McpBridge.Router.dll)." };

        var root = new RootCommand("McpBridge benchmark: McpBridge isolated/shared (and shared behind the router) vs direct stdio, supergateway, mcp-proxy and a no-child echo floor.")
        {
            systems, levels, reps, quick, warmupRounds, sdkSystems, runTimeout, poolSize, idle, many, spares, warmSessions, slowStart, budget, childMax, startupRuns, outDir, docs, noDocs, repo, gateway, router,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            BenchPaths paths;
            IReadOnlyList<LoadLevel> levelList;
            try
            {
                paths = BenchPaths.Discover(parse.GetValue(repo), parse.GetValue(gateway), parse.GetValue(router));
                levelList = LoadLevel.ParseList(parse.GetValue(levels) ?? (isQuick ? BenchSettings.QuickLevels : BenchSettings.DefaultLevels));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                Console.Error.WriteLine($"bench: {e.Message}");
                return 2;
            }

            var systemList = (parse.GetValue(systems) ?? string.Join(",", SystemCatalog.All)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (systemList.Except(SystemCatalog.All).ToList() is { Count: > 0 } unknown)
            {
                Console.Error.WriteLine($"bench: unknown system(s) {string.Join(", ", unknown)}; known: {string.Join(", ", SystemCatalog.All)}");
                return 2;
            }

            var sdkList = parse.GetValue(sdkSystems) is { } sdkText
                ? sdkText == "none" ? [] : sdkText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : SystemCatalog.SdkDefault.ToArray();
            if (sdkList.Where(s => !SystemCatalog.All.Contains(s) || s == SystemCatalog.Stdio).ToList() is { Count: > 0 } notHttp)
            {
                Console.Error.WriteLine($"bench: --sdk-systems: {string.Join(", ", notHttp)} is not an HTTP system; known: {string.Join(", ", SystemCatalog.All.Where(s => s != SystemCatalog.Stdio))}, or none");
                return 2;
            }

            var settings = new BenchSettings
            {
                Systems = systemList,
                Levels = levelList,
                Reps = Math.Max(1, parse.GetValue(reps) ?? (isQuick ? 1 : 3)),
                // Long enough for the .NET tiered JIT (and V8's) to settle, so the CPU per call is the steady state: with
                // 1,000 calls alone, a gateway measured at 1 client for 2,000 calls still spent twice its steady CPU per call.
                WarmupCalls = isQuick ? 100 : 1000,
                WarmupDuration = TimeSpan.FromSeconds(isQuick ? 0.5 : 5),
                WarmupRounds = Math.Max(0, parse.GetValue(warmupRounds) ?? (isQuick ? 0 : 1)),
                WarmupRoundsDuration = TimeSpan.FromSeconds(isQuick ? 1 : 10),
                SdkSystems = [.. sdkList.Where(systemList.Contains)],
                RunTimeout = TimeSpan.FromSeconds(Math.Max(5, parse.GetValue(runTimeout))),
                PoolSize = Math.Max(1, parse.GetValue(poolSize)),
                IdleSessions = Math.Max(0, parse.GetValue(idle) ?? (isQuick ? 8 : 32)),
                ManySessions = Math.Max(0, parse.GetValue(many) ?? (isQuick ? 200 : 1000)),
                WarmSpares = Math.Max(0, parse.GetValue(spares) ?? 2),
                WarmSessions = Math.Max(1, parse.GetValue(warmSessions) ?? (isQuick ? 3 : 5)),
                SlowStart = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(slowStart))),
                ChildSessionsMax = Math.Max(1, parse.GetValue(childMax)),
                StartupRuns = Math.Max(0, parse.GetValue(startupRuns) ?? (isQuick ? 3 : 5)),
                MemoryBudget = Math.Clamp(parse.GetValue(budget), 0.05, 0.95),
                OutDir = parse.GetValue(outDir) ?? Path.Combine(paths.BenchDir, "out", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)),
                DocsDir = parse.GetValue(noDocs) ? null : parse.GetValue(docs) ?? Path.Combine(paths.RepoRoot, "docs"),
                CommandLine = args.Length == 0 ? "make bench" : $"make bench BENCH_ARGS=\"{string.Join(' ', args)}\"",
            };
            return await BenchRun.RunAsync(paths, settings, cancellationToken);
        });

        var urls = new Option<string>("--urls") { Description = "Where to listen, loopback only.", DefaultValueFactory = _ => "http://127.0.0.1:8099" };
        var floor = new Command("echo-floor", "A minimal Streamable HTTP MCP server that answers the echo tool itself (the no-child floor).") { urls };
        floor.SetAction((parse, cancellationToken) => EchoFloorServer.RunAsync(parse.GetValue(urls)!, cancellationToken));
        root.Subcommands.Add(floor);

        var to = new Option<string>("--to") { Description = "The loopback URL every request is forwarded to.", Required = true };
        var proxyFloor = new Command("proxy-floor", "YARP's forwarder in front of one server and nothing else (the floor the router is held against).") { urls, to };
        proxyFloor.SetAction((parse, cancellationToken) => ProxyFloorServer.RunAsync(parse.GetValue(urls)!, parse.GetValue(to)!, cancellationToken));
        root.Subcommands.Add(proxyFloor);

        return root.Parse(args).InvokeAsync();
    }
}
