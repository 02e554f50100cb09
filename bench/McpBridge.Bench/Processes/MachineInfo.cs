using System.Globalization;
using System.Runtime.InteropServices;

namespace McpBridge.Bench.Processes;

/// <summary>The machine a run happened on, from /proc, for the docs page.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string Os, string DotnetVersion)
{
    public static MachineInfo Read()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new MachineInfo(
            Environment.ProcessorCount,
            model ?? "unknown",
            MemInfoKb("MemTotal") / 1048576.0,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription);
    }

    public static long MemAvailableKb() => MemInfoKb("MemAvailable");

    /// <summary>The 1-minute load average: how busy the shared machine was with other work too.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    private static long MemInfoKb(string key)
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().TrimEnd('B', 'k').Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
