using System.Globalization;

namespace McpBridge.Bench.Scenarios;

/// <summary>One line per finished run on standard output, so a long bench shows where it is.</summary>
internal static class Progress
{
    private static readonly List<double> Loads = [];

    /// <summary>The 1-minute load averages seen at each finished run.</summary>
    public static IReadOnlyList<double> LoadAverages => Loads;

    public static void Line(string text) => Console.WriteLine(text);

    public static void Run(RunRecord r)
    {
        var load = Processes.MachineInfo.LoadAverage();
        Loads.Add(load);
        var head = string.Create(CultureInfo.InvariantCulture, $"  {r.System + (r.Client == ClientKind.Sdk ? " (sdk)" : ""),-29} {r.Clients,4}x{r.CallsPerClient,-5} r{r.Rep} load {load,5:0.0}");
        if (r.Skipped is not null)
        {
            Line($"{head}  {r.Skipped}");
            return;
        }

        var l = r.Load!;
        Line(string.Create(CultureInfo.InvariantCulture, $"{head}  ok {l.CallsOk}/{l.CallsPlanned} err {l.Errors} mis {l.Mismatches} {l.CallsPerSecond,8:0.0}/s p50 {l.P50Ms:0.00} p99 {l.P99Ms:0.00} ms " +
            $"setup {l.SetupP50Ms:0.0} ms gwcpu {l.GatewayCpuUsPerCall:0} us tree {r.PeakTreeKb / 1024.0:0} MB") +
            (r.CheckError is null ? "" : $"  check: {r.CheckError}") +
            (l.FirstErrors.Count > 0 ? $"  first error: {l.FirstErrors[0]}" : ""));
    }
}
