using System.Text;
using McpBridge.Bench.Scenarios;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Report;

/// <summary>
/// The page's section on the second client (issue 15): each system's row under the bench's client and under the official
/// TypeScript SDK's side by side, the ratios to the best peer under each, and what makes the two clients differ.
/// </summary>
internal static partial class MarkdownReport
{
    private static void TwoClients(StringBuilder md, BenchResults r, IReadOnlyList<(string System, string Label)> systems)
    {
        md.AppendLine("## Two clients: the bench's and the official TypeScript SDK's");
        md.AppendLine();
        if (r.SdkSummaries.All(s => !s.Measured))
        {
            md.AppendLine(r.Settings.SdkSystems.Count == 0
                ? "Not run (`--sdk-systems none`)."
                : "Not measured: " + (r.SdkSummaries.FirstOrDefault(s => s.Skipped is not null)?.Skipped ?? "no run of the SDK client finished") + ".");
            md.AppendLine();
            return;
        }

        md.AppendLine("Each system below was also loaded by a second, independent client: `bench/sdk-client/load.mjs`, the official TypeScript SDK (`@modelcontextprotocol/sdk`, pinned in `bench/package.json`) as MCP clients use it, one `Client` and `StreamableHTTPClientTransport` per session. It does what the bench's client does (the same warm-up, all sessions connected before the calls, every reply checked for its call's token), in the same run, each system started fresh for it right after the bench client's run at the same level and repetition. Tree and gateway CPU are read the same way; *client CPU* is the bench process for its own client and the Node process of the script for the SDK's. Medians of the repetitions.");
        md.AppendLine();
        md.AppendLine("| system | clients x calls | calls/s bench client | SDK client | p50 ms bench | SDK | tree CPU µs/call bench | SDK | gateway CPU µs/call bench | SDK | client CPU µs/call bench | SDK | SDK errors | SDK mismatches |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var labels = systems.ToDictionary(x => x.System, x => x.Label);
        foreach (var sdk in r.SdkSummaries)
        {
            var name = labels.GetValueOrDefault(sdk.System, sdk.System);
            var own = r.Summaries.FirstOrDefault(s => s.System == sdk.System && s.Level == sdk.Level);
            if (!sdk.Measured && own?.Measured != true)
            {
                continue;
            }

            md.AppendLine(Inv($"| {name} | {sdk.Level} | {F(own?.CallsPerSecond, "0")} | {(sdk.Measured ? F(sdk.CallsPerSecond, "0") : sdk.Skipped)} | {F(own?.P50Ms, "0.00")} | {F(sdk.P50Ms, "0.00")} | {F(own?.TreeCpuUs, "0")} | {F(sdk.TreeCpuUs, "0")} | {F(own?.GatewayCpuUs, "0")} | {F(sdk.GatewayCpuUs, "0")} | {F(own?.ClientCpuUs, "0")} | {F(sdk.ClientCpuUs, "0")} | {sdk.Errors}{(sdk.NotDone > 0 ? $" (+{sdk.NotDone} not done)" : "")} | {sdk.Mismatches} |"));
        }

        md.AppendLine();
        var failures = r.SdkSummaries.Where(x => x.FirstError is not null).ToList();
        foreach (var f in failures)
        {
            md.AppendLine($"- SDK client, {labels.GetValueOrDefault(f.System, f.System)} {f.Level}: `{f.FirstError!.Replace('`', '\'')}`");
        }

        if (failures.Count > 0)
        {
            md.AppendLine();
        }

        PeerRatios(md, r, labels);
        WhyTheClientsDiffer(md);
    }

    private static void PeerRatios(StringBuilder md, BenchResults r, Dictionary<string, string> labels)
    {
        var rows = PeerRatio.Compute(r, SystemCatalog.Shared);
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("`shared` against the best peer at each level, under each client: *throughput* is its calls per second over the fastest peer's; *cheaper* is the cheapest peer's tree CPU per call over its own.");
        md.AppendLine();
        md.AppendLine("| clients x calls | client | shared calls/s | fastest peer | its calls/s | throughput ratio | shared tree CPU µs/call | cheapest peer | its tree CPU µs/call | cheaper by |");
        md.AppendLine("|---|---|--:|---|--:|--:|--:|---|--:|--:|");
        foreach (var row in rows)
        {
            md.AppendLine(Inv($"| {row.Level} | {ClientKind.Label(row.Client)} | {F(row.CallsPerSecond, "0")} | {Peer(labels, row.FastestPeer)} | {F(row.FastestPeerCallsPerSecond, "0")} | {F(row.ThroughputRatio, "0.00")}x | {F(row.TreeCpuUs, "0")} | {Peer(labels, row.CheapestPeer)} | {F(row.CheapestPeerTreeCpuUs, "0")} | {F(row.TreeCpuRatio, "0.00")}x |"));
        }

        md.AppendLine();
    }

    private static string Peer(Dictionary<string, string> labels, string? system) => system is null ? "n/a" : labels.GetValueOrDefault(system, system);

    // What the investigation of issue 15 measured, on this machine, with a probe client written for it (node:http,
    // each difference switched on and off in turns): fixed text, as the trial in "How it is measured" is.
    private static void WhyTheClientsDiffer(StringBuilder md)
    {
        md.AppendLine("### What differs between clients, and what each system does with it (issue 15)");
        md.AppendLine();
        foreach (var line in TwoClientsFindings.Lines)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
    }
}
