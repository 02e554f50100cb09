using McpBridge.Bench.Processes;

namespace McpBridge.Bench.Load;

/// <summary>
/// Reads the CPU time of the system under test from /proc: the gateway process alone (<paramref name="GatewayPid"/>)
/// and the whole tree under <paramref name="TreeRoot"/> at depth <paramref name="TreeMinDepth"/> or more.
/// </summary>
internal sealed record CpuProbe(int? GatewayPid, int TreeRoot, int TreeMinDepth)
{
    /// <summary>Direct stdio: no gateway; the tree is the servers this bench process started.</summary>
    public static CpuProbe OwnChildren => new(null, Environment.ProcessId, 1);

    public static CpuProbe Gateway(int pid) => new(pid, pid, 0);

    public CpuSample Read() => new(
        GatewayPid is { } pid ? ProcStat.Read(pid)?.CpuTicks : null,
        ProcessTree.CpuTicks(TreeRoot, TreeMinDepth),
        Environment.CpuUsage.TotalTime);
}

/// <summary>CPU ticks of the gateway and its tree, and this client's own CPU time, at one instant.</summary>
internal readonly record struct CpuSample(long? GatewayTicks, long TreeTicks, TimeSpan ClientCpu);
