using System.Globalization;
using System.Text;
using McpBridge.Bench.Load;

namespace McpBridge.Bench.Report;

/// <summary>The page's start-up section: the JIT gateway against the container build and the Native AOT one.</summary>
internal static partial class MarkdownReport
{
    private static void Startup(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Start-up: JIT, container build and Native AOT");
        md.AppendLine();
        if (r.Startup.Count == 0)
        {
            md.AppendLine("Not run (`--startup-runs 0`).");
            md.AppendLine();
            return;
        }

        var runs = r.Startup.Max(s => s.Run);
        md.AppendLine(Inv($"Each gateway build started cold {runs} time{(runs == 1 ? "" : "s")}, the builds taking turns, serving server-everything as in the table above: milliseconds from the start of the process to the first 200 of `/healthz` (the gateway listens) and of `/readyz` (its first child has also started and answered `initialize`, so the child's own start-up is included), both polled every 10 ms; the gateway's CPU (utime+stime) until `/readyz`; and its own RSS (VmRSS) with one session open and one call made, once its process tree has settled. Medians of the runs."));
        md.AppendLine();
        md.AppendLine("| build | gateway | runs ok | /healthz ms | /readyz ms | /readyz ms, each run | CPU to ready ms | idle RSS MB |");
        md.AppendLine("|---|---|--:|--:|--:|---|--:|--:|");
        foreach (var build in r.Startup.GroupBy(s => (s.Build, s.Gateway)))
        {
            var ok = build.Where(s => s.Problem is null).ToList();
            md.AppendLine(Inv($"| {build.Key.Build} | `{build.Key.Gateway}` | {ok.Count}/{build.Count()} | {F(Percentiles.Median(ok.Select(s => s.HealthyMs)), "0")} | {F(Percentiles.Median(ok.Select(s => s.ReadyMs)), "0")} | {string.Join(", ", build.Select(s => F(s.ReadyMs, "0")))} | {F(Percentiles.Median(ok.Select(s => s.CpuMs)), "0")} | {F(Percentiles.Median(ok.Select(s => s.IdleRssKb / 1024.0)), "0.0")} |"));
        }

        md.AppendLine();
        md.AppendLine("JIT: the Release build run by `dotnet` (the shared framework is ReadyToRun, the app and its packages are not). " +
            "Container: the images' build (`gateway/docker/publish.sh`: self-contained, trimmed, ReadyToRun), for glibc. " +
            "Native AOT: `make publish`.");
        md.AppendLine();
        if (!r.Startup.Any(s => s.Build == Systems.BenchPaths.Container))
        {
            md.AppendLine("The container build was not measured: `artifacts/publish/gateway-container/glibc/McpBridge.Gateway` did not exist (`make publish-container` makes it).");
            md.AppendLine();
        }

        if (!r.Startup.Any(s => s.Build == Systems.BenchPaths.NativeAot))
        {
            md.AppendLine("The Native AOT build was not measured: `artifacts/publish/gateway-aot/McpBridge.Gateway` did not exist (`make publish` makes it).");
            md.AppendLine();
        }

        foreach (var failed in r.Startup.Where(s => s.Problem is not null))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {failed.Build} run {failed.Run}: `{failed.Problem!.Replace('`', '\'')}`");
        }

        if (r.Startup.Any(s => s.Problem is not null))
        {
            md.AppendLine();
        }
    }
}
