namespace McpBridge.Bench.Processes;

/// <summary>A process and its descendants, found by walking parent links over all of <c>/proc</c>.</summary>
internal static class ProcessTree
{
    /// <summary>The root (depth 0) and every descendant with its depth below the root; empty when the root is gone.</summary>
    public static List<(ProcStat Stat, int Depth)> Snapshot(int root) => Snapshot([root]);

    /// <summary>
    /// The trees of several roots from one walk of <c>/proc</c> (the router and its replica: two processes that are
    /// not parent and child), each process with its depth below its own root; a root that is gone adds nothing.
    /// </summary>
    public static List<(ProcStat Stat, int Depth)> Snapshot(IReadOnlyList<int> roots)
    {
        var children = new Dictionary<int, List<ProcStat>>();
        var rootStats = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            if (ProcStat.Read(pid) is not { } stat)
            {
                continue;
            }

            if (roots.Contains(pid))
            {
                rootStats.Add(stat);
            }

            if (!children.TryGetValue(stat.ParentPid, out var list))
            {
                children[stat.ParentPid] = list = [];
            }

            list.Add(stat);
        }

        List<(ProcStat, int)> tree = [];
        var stack = new Stack<(ProcStat, int)>(rootStats.Select(stat => (stat, 0)));
        while (stack.Count > 0)
        {
            var (stat, depth) = stack.Pop();
            tree.Add((stat, depth));
            foreach (var child in children.GetValueOrDefault(stat.Pid) ?? [])
            {
                if (!roots.Contains(child.Pid))
                {
                    stack.Push((child, depth + 1));
                }
            }
        }

        return tree;
    }

    /// <summary>
    /// CPU ticks (user + system) of the live processes of the trees of <paramref name="roots"/> at depth
    /// <paramref name="minDepth"/> or more, with those of their children that have exited: a closed session's child that
    /// exits between two readings moves its ticks into its parent's, rather than out of the sum (issue 15).
    /// </summary>
    public static long CpuTicks(IReadOnlyList<int> roots, int minDepth = 0) =>
        Snapshot(roots).Where(p => p.Depth >= minDepth).Sum(p => p.Stat.CpuTicks + p.Stat.ExitedChildrenTicks);

    /// <summary>Summed resident memory in KiB and process count of the tree at depth <paramref name="minDepth"/> or more.</summary>
    public static (long Kb, int Count) Rss(int root, int minDepth = 0)
    {
        long kb = 0;
        var count = 0;
        foreach (var (stat, depth) in Snapshot(root))
        {
            if (depth >= minDepth)
            {
                kb += ProcStat.RssKb(stat.Pid);
                count++;
            }
        }

        return (kb, count);
    }
}
