using System.Globalization;
using System.Text;
using McpBridge.Bench.Load;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Report;

/// <summary>Writes docs/benchmarks.md: machine, command, targets met or missed, the table, the chart and the extra scenarios.</summary>
internal static partial class MarkdownReport
{
    public static string Render(BenchResults r, IReadOnlyList<(string System, string Label)> systems, IReadOnlyList<TargetCheck> targets)
    {
        var md = new StringBuilder();
        var s = r.Settings;
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine("<!-- Written by the benchmark (`make bench`, bench/McpBridge.Bench); edit the program, not this file. -->");
        md.AppendLine();
        md.AppendLine(Inv($"McpBridge against direct stdio, its peers and a no-child floor, all serving `@modelcontextprotocol/server-everything`'s `echo` tool, measured in one run on {r.Started:yyyy-MM-dd} ({r.Duration.TotalMinutes:0} min). Medians of {s.Reps} repetition{(s.Reps == 1 ? "" : "s")}; every reply was checked against its call's unique token."));
        md.AppendLine();

        md.AppendLine("## Machine and command");
        md.AppendLine();
        md.AppendLine(Inv($"- {r.Machine.Cores} cores ({r.Machine.CpuModel}), {r.Machine.MemoryGiB:0.0} GiB memory, {r.Machine.Os}, {r.Machine.DotnetVersion}"));
        md.AppendLine($"- {string.Join(", ", r.Versions.Select(v => $"{v.Key} {v.Value}"))}");
        md.AppendLine(Inv($"- levels {string.Join(", ", s.Levels.Select(l => $"{l.Clients} clients x {l.CallsPerClient} calls"))}; warm-up of at least {s.WarmupCalls} calls and {s.WarmupDuration.TotalSeconds:0.#} s on one session, then {(s.WarmupRounds == 0 ? "no unmeasured round of the level" : Inv($"at least {s.WarmupRounds} unmeasured round{(s.WarmupRounds == 1 ? "" : "s")} of the level (more, up to {BenchSettings.MaxWarmupRounds}, until they have taken {s.WarmupRoundsDuration.TotalSeconds:0.#} s)"))}, per run; run bound {s.RunTimeout.TotalSeconds:0} s; shared `PoolSize={s.PoolSize}`"));
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(s.CommandLine);
        md.AppendLine("```");
        md.AppendLine();
        if (r.LoadAverages.Count > 0)
        {
            var loads = r.LoadAverages.Where(l => !double.IsNaN(l)).Order().ToList();
            md.AppendLine(Inv($"1-minute load average after each run (this bench's own processes included): median {Percentiles.Median(loads.Select(l => (double?)l)):0.0}, range {loads.FirstOrDefault():0.0}-{loads.LastOrDefault():0.0}; 2 would be the two cores exactly busy."));
            md.AppendLine();
        }

        md.AppendLine("The machine has 2 cores shared by the client, the gateway and its children, and by whatever else runs on it: absolute numbers are low and noisy, so compare the systems *within* this run (ratios), not with other runs.");
        md.AppendLine();

        md.AppendLine("## Targets (issue 3)");
        md.AppendLine();
        md.AppendLine("| target | measured | verdict |");
        md.AppendLine("|---|---|---|");
        foreach (var t in targets)
        {
            var mark = t.Status switch { TargetStatus.Met => "✅", TargetStatus.Missed => "❌", _ => "—" };
            md.AppendLine($"| {t.Target} | {t.Measured} | {mark} {t.Verdict} |");
        }

        md.AppendLine();
        var floor8 = r.At(SystemCatalog.EchoFloor, 8)?.CallsPerSecond;
        var stdio8 = r.At(SystemCatalog.Stdio, 8)?.CallsPerSecond;
        if (floor8 is not null && stdio8 is not null)
        {
            md.AppendLine(Inv($"About the floor: the echo floor here is a Kestrel server ({floor8:0} calls/s at 8 clients in this run); the issue's own floor figure (about 2400 calls/s) came from a bare Node HTTP server. A gateway cannot be faster than its children: direct stdio to server-everything, with no HTTP at all, did {stdio8:0} calls/s at 8 clients (one child per client){(0.7 * floor8 > stdio8 ? Inv($", so 70% of this floor ({0.7 * floor8:0} calls/s) is more than the children alone delivered") : "")}."));
            md.AppendLine();
        }

        if (r.SharedUnavailable is not null)
        {
            md.AppendLine($"`shared` pool: {r.SharedUnavailable}: the gateway refused `Policy=Shared` at start-up. The bench tries it on every run and measures it once the gateway accepts it.");
            md.AppendLine();
        }

        if (r.WarmSparesUnavailable is not null)
        {
            md.AppendLine($"Warm spares: {r.WarmSparesUnavailable}.");
            md.AppendLine();
        }

        md.AppendLine("## Throughput, latency, CPU and memory");
        md.AppendLine();
        md.AppendLine("![Throughput and p99 latency by system and concurrency](benchmarks.svg)");
        md.AppendLine();
        md.AppendLine("| system | clients x calls | calls/s | p50 ms | p99 ms | setup p50 ms | errors | mismatches | gateway CPU µs/call | tree CPU µs/call | gateway peak MB | tree peak MB | client CPU µs/call |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var labels = systems.ToDictionary(x => x.System, x => x.Label);
        foreach (var level in r.Levels)
        {
            foreach (var row in r.Summaries.Where(x => x.Level == level))
            {
                var name = labels.GetValueOrDefault(row.System, row.System);
                if (!row.Measured)
                {
                    var skipped = row.Skipped is { } sk && sk.StartsWith(Scenarios.Availability.NotInBuild, StringComparison.Ordinal) ? Scenarios.Availability.NotInBuild : row.Skipped;
                    md.AppendLine($"| {name} | {level} | {skipped} | | | | | | | | | | |");
                    continue;
                }

                md.AppendLine(Inv($"| {name} | {level} | {F(row.CallsPerSecond, "0")} | {F(row.P50Ms, "0.00")} | {F(row.P99Ms, "0.00")} | {F(row.SetupP50Ms, "0.0")} | {row.Errors + (row.NotDone > 0 ? $" (+{row.NotDone} not done)" : "")} | {row.Mismatches} | {F(row.GatewayCpuUs, "0")} | {F(row.TreeCpuUs, "0")} | {F(row.GatewayPeakMb, "0")} | {F(row.TreePeakMb, "0")} | {F(row.ClientCpuUs, "0")} |"));
            }
        }

        md.AppendLine();
        var failures = r.Summaries.Where(x => x.FirstError is not null).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine("First error of each row that had one:");
            md.AppendLine();
            foreach (var f in failures)
            {
                md.AppendLine($"- {labels.GetValueOrDefault(f.System, f.System)} {f.Level}: `{f.FirstError!.Replace('`', '\'')}`");
            }

            md.AppendLine();
        }

        TwoClients(md, r, systems);
        RouterSection(md, r, systems);
        Extras(md, r);
        Startup(md, r);
        Method(md, r, systems);
        return md.ToString();
    }

    private static void RouterSection(StringBuilder md, BenchResults r, IReadOnlyList<(string System, string Label)> systems)
    {
        md.AppendLine("## Router overhead");
        md.AppendLine();
        var rows = RouterOverhead.Compute(r);
        if (rows.Count == 0)
        {
            var names = systems.Select(x => x.System).ToList();
            md.AppendLine(!names.Contains(SystemCatalog.SharedRouter) || !names.Contains(SystemCatalog.Shared)
                ? $"Not run (`{SystemCatalog.Shared}` and `{SystemCatalog.SharedRouter}` are not both in `--systems`)."
                : "Not measured: see the table above for why.");
            md.AppendLine();
            return;
        }

        md.AppendLine("The same `shared` gateway loaded directly and through the router (`router/McpBridge.Router`, one replica, both on 127.0.0.1), medians of this run: *added* is via router minus direct. Router CPU is the router process alone; added tree CPU is router + replica + children minus gateway + children. *Proxy floor* is YARP's forwarder alone (`McpBridge.Bench proxy-floor`: its default transformer, HTTP/1.1 keep-alive, the router's inline I/O, no routing logic; JIT, workstation GC) in front of the same gateway, loaded the same way: what any proxy built on the router's stack costs here, and so how much of the router's CPU is its own logic. The targets (issue 13) follow the table.");
        md.AppendLine();
        md.AppendLine("| clients x calls | calls/s direct | via router | ratio | p50 ms direct | via router | added | p99 ms direct | via router | added | router CPU µs/call | added tree CPU µs/call | proxy floor CPU µs/call | proxy floor ratio |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var o in rows)
        {
            md.AppendLine(Inv($"| {o.Level} | {F(o.DirectCallsPerSecond, "0")} | {F(o.RoutedCallsPerSecond, "0")} | {F(o.ThroughputRatio, "0.00")} | {F(o.DirectP50Ms, "0.00")} | {F(o.RoutedP50Ms, "0.00")} | {F(o.AddedP50Ms, "+0.00;-0.00")} | {F(o.DirectP99Ms, "0.00")} | {F(o.RoutedP99Ms, "0.00")} | {F(o.AddedP99Ms, "+0.00;-0.00")} | {F(o.RouterCpuUs, "0")} | {F(o.AddedTreeCpuUs, "+0;-0")} | {F(o.ProxyFloorCpuUs, "0")} | {F(o.ProxyFloorRatio, "0.00")} |"));
        }

        md.AppendLine();
        md.AppendLine("| router target (issue 13) | measured | verdict |");
        md.AppendLine("|---|---|---|");
        foreach (var t in RouterTargets.Evaluate(r))
        {
            var mark = t.Status switch { TargetStatus.Met => "✅", TargetStatus.Missed => "❌", _ => "—" };
            md.AppendLine($"| {t.Target} | {t.Measured} | {mark} {t.Verdict} |");
        }

        md.AppendLine();
        md.AppendLine("On 2 shared cores the router competes with the gateway, its children and the client for the same CPU; differences within the run-to-run spread of these medians (compare the repetitions in the raw results) are noise.");
        md.AppendLine();
    }

    private static void Extras(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Gateway memory per idle isolated session");
        md.AppendLine();
        if (r.IdleSessions.Count == 0)
        {
            md.AppendLine("Not run (`--idle-sessions 0`).");
        }
        else
        {
            md.AppendLine(Inv($"The isolated gateway with {r.Settings.IdleSessions} idle sessions open (one call each), then {r.Settings.IdleSessions} more: the first ones also pay one-off costs (the JIT compiling and re-compiling the session path, the thread pool and the native allocator growing), which are not what one more session costs. RSS of the gateway process alone, settled, before and after the second batch; each build of the gateway in turn."));
            md.AppendLine();
            md.AppendLine("| build | rep | sessions added | gateway RSS before MB | after MB | KB per session | errors |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
            foreach (var i in r.IdleSessions.OrderBy(i => i.Build).ThenBy(i => i.Rep))
            {
                md.AppendLine(Inv($"| {i.Build} | {i.Rep} | {i.Sessions} | {i.BaseKb / 1024.0:0.0} | {i.AfterKb / 1024.0:0.0} | {F(i.PerSessionKb, "0")} | {i.Errors} |"));
            }
        }

        md.AppendLine();
        md.AppendLine(Inv($"## {r.Settings.ManySessions} concurrent shared sessions"));
        md.AppendLine();
        var many = r.ManySessions;
        if (many.Count == 0)
        {
            md.AppendLine("Not run (`--many-sessions 0`).");
        }
        else if (many.All(m => m.Load is null))
        {
            md.AppendLine(r.SharedUnavailable is not null ? "Not run: `shared` is not available in this build." : $"Not run: {many[0].Skipped}.");
        }
        else
        {
            md.AppendLine("| rep | clients x calls | calls ok | errors | mismatches | calls/s | p99 ms | setup p50 ms | gateway peak MB | tree peak MB |");
            md.AppendLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var m in many.Where(m => m.Load is not null))
            {
                var l = m.Load!;
                md.AppendLine(Inv($"| {m.Rep} | {m.Clients}x{m.CallsPerClient} | {l.CallsOk} | {l.Errors}{(l.NotDone > 0 ? $" (+{l.NotDone} not done)" : "")} | {l.Mismatches} | {F(l.CallsPerSecond, "0")} | {F(l.P99Ms, "0.0")} | {F(l.SetupP50Ms, "0.0")} | {m.PeakGatewayKb / 1024.0:0} | {m.PeakTreeKb / 1024.0:0} |"));
            }
        }

        md.AppendLine();
        md.AppendLine("## Warm spares");
        md.AppendLine();
        if (r.WarmSparesUnavailable is not null)
        {
            md.AppendLine("Warm spares are not available in this build; the cold baseline is below.");
            md.AppendLine();
        }

        if (r.WarmSpares.Count == 0)
        {
            md.AppendLine("Not run (`--warm-spares 0`).");
        }
        else
        {
            md.AppendLine(Inv($"A server that sleeps {r.Settings.SlowStart.TotalSeconds:0.#} s before it starts, behind an isolated gateway started fresh; {r.Settings.WarmSessions} sessions arrive one at a time, {(r.Settings.SlowStart.TotalSeconds + 1.5):0.#} s apart, each timed from its `initialize` to the answer to `notifications/initialized`. The echo floor, started fresh and paced the same way, shows what one set-up after an idle pause costs on this machine with no child at all (a client and a server that were idle for seconds start slow), and the first set-ups of a fresh JIT gateway also run code the JIT has not optimized yet."));
            md.AppendLine();
            md.AppendLine("| build | configuration | rep | setup p50 ms | setups ms | errors |");
            md.AppendLine("|---|---|--:|--:|---|--:|");
            foreach (var w in r.WarmSpares.OrderBy(w => w.IsFloor).ThenBy(w => w.Build).ThenBy(w => w.IsWarm).ThenBy(w => w.Rep))
            {
                md.AppendLine(Inv($"| {(w.IsFloor ? "" : w.Build)} | {w.Config} | {w.Rep} | {F(w.SetupP50Ms, "0.0")} | {string.Join(", ", w.SetupMs.Select(x => x.ToString("0.0", CultureInfo.InvariantCulture)))} | {w.Errors} |"));
            }
        }

        md.AppendLine();
    }

    private static void Method(StringBuilder md, BenchResults r, IReadOnlyList<(string System, string Label)> systems)
    {
        md.AppendLine("## How it is measured");
        md.AppendLine();
        md.AppendLine("- **Client**: the bench's own lean client (raw `HttpClient` POSTs, JSON and SSE answers parsed by hand, one connection pool per run); each client is its own MCP session (`initialize` + `notifications/initialized`, timed as *setup*), then, after all are connected, makes its calls one after another. Every reply must carry its request's id and the call's unique token (`u<run>-c<client>-n<call>`); a reply belonging to another call counts as a *mismatch*. It opens no GET stream. The systems in `--sdk-systems` are loaded a second time by the official TypeScript SDK's client (see \"Two clients\" above).");
        md.AppendLine("- **Direct stdio**: each session starts its own `node server-everything stdio` and speaks JSON lines to it: the floor that every gateway adds to.");
        md.AppendLine("- **Echo floor**: a minimal Kestrel server in the bench program that answers `initialize` and `echo` itself (one `application/json` body with its length, as the gateway answers a call that sends no event first; the peers answer SSE): the cost of HTTP and JSON with no child at all.");
        md.AppendLine("- Each (system, level, repetition) starts its system fresh on a free 127.0.0.1 port (a system that listens beyond loopback is refused), warms it up with one session and then with `--warmup-rounds` unmeasured rounds of the level itself (its sessions all at once, opened and closed as in the measured round; more, up to 5, until they have taken 10 s), waits until its process tree is stable, then loads it. Repetitions are the outer loop.");
        md.AppendLine("- **Gateway CPU µs/call**: utime+stime of the gateway process alone from `/proc/PID/stat`, read when all sessions are connected and when the last call returns, divided by successful calls. **Tree CPU** adds every descendant (the children; one that exits during the run counts through its parent's cutime/cstime). **Client CPU** is the bench's own.");
        md.AppendLine("- **Peak RSS**: `/proc` sampled every 100 ms during the load: the gateway process alone, and the summed VmRSS of its whole tree (for direct stdio: all server processes).");
        md.AppendLine("- **Shared via router**: the router (its Native AOT build, `make publish-router`, when published; else the Release dll) with one `shared` gateway replica (the options of `shared`) as `Router:Replicas:0`, each on its own free 127.0.0.1 port, both started fresh per run: the replica first, until its `/readyz` answers 200, then the router, until its own `/readyz` answers 200 (it has polled the replica and learnt its name), so no call meets a 503. The client talks to the router's `/mcp`. In its row, *gateway* CPU and peak are the router process alone; *tree* adds the replica and its children. Both are stopped by PID.");
        md.AppendLine(Inv($"- Systems that start a child per session (direct stdio, isolated, supergateway) are loaded with at most {r.Settings.ChildSessionsMax} sessions (`--child-sessions-max`), and a run whose children would not fit in the available memory is skipped; both say so in the table. 256 concurrent sessions there means 256 simultaneous cold starts of a Node server (about 0.7 s of CPU and 70 MB each): in a trial on this machine, none of 256 isolated sessions was set up within the 180 s bound and the load average passed 280. That is a start-up storm, not a throughput measurement; warm spares and `shared` are the answer to it."));
        md.AppendLine();
        md.AppendLine("Commands (port chosen per run):");
        md.AppendLine();
        foreach (var (system, label) in systems)
        {
            if (r.CommandLines.TryGetValue(system, out var command))
            {
                md.AppendLine($"- {label}: `{command}`");
            }
        }

        md.AppendLine();
    }

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
