using System.Globalization;
using System.Runtime.InteropServices;

namespace McpBridge.Testing;

/// <summary>Reads the process tree from /proc, and signals a process by pid (never by name).</summary>
public static partial class ProcessTree
{
    private const int SigKill = 9;
    private const int SigHup = 1;
    private const int SigTerm = 15;

    /// <summary>The pids of every living descendant of <paramref name="root"/>.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (pid, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    /// <summary>Whether the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the process is a Node.js program (the npm fixture servers).</summary>
    public static bool IsNode(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "node";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM to the process.</summary>
    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    /// <summary>Sends SIGHUP to the process (daemons read their configuration again).</summary>
    public static void Hangup(int pid) => _ = Kill(pid, SigHup);

    /// <summary>Sends SIGKILL to the process.</summary>
    public static void ForceKill(int pid) => _ = Kill(pid, SigKill);

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
