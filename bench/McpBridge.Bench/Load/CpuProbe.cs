using McpBridge.Bench.Processes;

namespace McpBridge.Bench.Load;

/// <summary>
/// Reads the CPU time of the system under test from /proc: the process the client talks to alone
/// (<paramref name="GatewayPid"/>: the gateway, a peer, or the router) and the whole trees under
/// <paramref name="TreeRoots"/> (with the router, its replica's too) at depth <paramref name="TreeMinDepth"/> or more.
/// </summary>
internal sealed record CpuProbe(int? GatewayPid, IReadOnlyList<int> TreeRoots, int TreeMinDepth)
{
    /// <summary>Direct stdio: no gateway; the tree is the servers this bench process started.</summary>
    public static CpuProbe OwnChildren => new(null, [Environment.ProcessId], 1);

    /// <summary>The process <paramref name="pid"/> alone, and its tree plus the trees of <paramref name="backends"/>.</summary>
    public static CpuProbe Gateway(int pid, params IReadOnlyList<int> backends) => new(pid, [pid, .. backends], 0);

    public CpuSample Read() => new(
        GatewayPid is { } pid ? ProcStat.Read(pid)?.CpuTicks : null,
        ProcessTree.CpuTicks(TreeRoots, TreeMinDepth),
        Environment.CpuUsage.TotalTime);
}

/// <summary>CPU ticks of the gateway and its tree, and this client's own CPU time, at one instant.</summary>
internal readonly record struct CpuSample(long? GatewayTicks, long TreeTicks, TimeSpan ClientCpu);
