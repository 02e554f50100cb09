namespace McpBridge.Bench.Processes;

/// <summary>
/// Samples <c>/proc</c> every <see cref="Interval"/> until stopped and keeps the peak resident memory of the
/// root process alone and of its whole tree, plus the trees of any companion roots (the router's replica);
/// processes that come and go between samples are missed.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<int> _roots;
    private readonly int _minDepth;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RssSampler(IReadOnlyList<int> roots, int minDepth)
    {
        _roots = roots;
        _minDepth = minDepth;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Peak RSS of the root process alone, KiB (0 when the root is not counted, as for direct stdio).</summary>
    public long PeakRootKb { get; private set; }

    /// <summary>Peak summed RSS of the root, the companions and all their descendants at depth <c>minDepth</c> or more, KiB.</summary>
    public long PeakTreeKb { get; private set; }

    /// <summary>Most processes seen in the tree at one sample.</summary>
    public int MaxProcesses { get; private set; }

    /// <summary>Starts sampling the tree of <paramref name="root"/>; <paramref name="minDepth"/> 1 leaves the root itself out.</summary>
    public static RssSampler Start(int root, int minDepth = 0) => new([root], minDepth);

    /// <summary>Starts sampling the trees of <paramref name="root"/> (its own peak kept apart) and of <paramref name="companions"/>.</summary>
    public static RssSampler Start(int root, IReadOnlyList<int> companions) => new([root, .. companions], 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            Sample();
        }
        while (await TickAsync(timer));
    }

    private async Task<bool> TickAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Sample();
            return false;
        }
    }

    private void Sample()
    {
        long tree = 0;
        var count = 0;
        foreach (var (stat, depth) in ProcessTree.Snapshot(_roots))
        {
            if (depth < _minDepth)
            {
                continue;
            }

            var kb = ProcStat.RssKb(stat.Pid);
            if (depth == 0 && stat.Pid == _roots[0])
            {
                PeakRootKb = Math.Max(PeakRootKb, kb);
            }

            tree += kb;
            count++;
        }

        PeakTreeKb = Math.Max(PeakTreeKb, tree);
        MaxProcesses = Math.Max(MaxProcesses, count);
    }
}
