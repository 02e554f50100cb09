using System.Globalization;

namespace McpBridge.Bench.Processes;

/// <summary>
/// One process as <c>/proc/PID/stat</c> shows it: parent, CPU ticks, the CPU ticks of its children that have exited and
/// been waited for, and start time (which tells a live PID from a reused one).
/// </summary>
internal readonly record struct ProcStat(int Pid, int ParentPid, long UserTicks, long SystemTicks, long ExitedChildrenTicks, long StartTime)
{
    /// <summary>Clock ticks per second of utime/stime/starttime (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    public long CpuTicks => UserTicks + SystemTicks;

    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return Parse(pid, text);
    }

    /// <summary>Parses the fields after the command name, which may itself hold spaces and parentheses.</summary>
    public static ProcStat? Parse(int pid, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        // After ") ": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17) ... starttime(22); index 0 here is field 3.
        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return null;
        }

        return new ProcStat(
            pid,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture),
            long.Parse(fields[12], CultureInfo.InvariantCulture),
            long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    /// <summary>Resident memory (VmRSS) of a process in KiB, or 0 when it is gone.</summary>
    public static long RssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
