namespace McpBridge.Bench.Processes;

/// <summary>Waits until a process tree stops changing (a closed warm-up session's child has gone), so that peaks belong to the load.</summary>
internal static class ProcessSettling
{
    public static async Task WaitStableAsync(int root, CancellationToken cancellationToken, int minDepth = 0)
    {
        var limit = TimeSpan.FromSeconds(10);
        var stableFor = TimeSpan.FromMilliseconds(600);
        var started = DateTime.UtcNow;
        var lastCount = -1;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - started < limit)
        {
            var count = ProcessTree.Snapshot(root).Count(p => p.Depth >= minDepth);
            if (count != lastCount)
            {
                lastCount = count;
                since = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - since >= stableFor)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
