using McpBridge.Relay;

namespace McpBridge.Sessions;

/// <summary>
/// The children of a <c>shared</c> server: a fixed number of slots, each holding a started child; a call goes to the
/// least busy one. A child that ends is replaced on the next call; its own calls fail with the error of its exit.
/// </summary>
internal sealed class SharedPool(int size, Func<Task<ChildConnection>> start)
{
    private readonly Task<ChildConnection>?[] _slots = new Task<ChildConnection>?[size];
    private readonly Lock _gate = new();

    /// <summary>Starts the children that are not running, without waiting for them.</summary>
    public void Fill()
    {
        lock (_gate)
        {
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] is not { } slot || slot.IsFaulted || slot.IsCanceled ||
                    (slot.IsCompletedSuccessfully && slot.Result.Exited.IsCompleted))
                {
                    _slots[i] = start();
                }
            }
        }
    }

    /// <summary>The calls in flight on the pool's running children: its queue depth.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                var total = 0;
                foreach (var slot in _slots)
                {
                    total += slot is { IsCompletedSuccessfully: true } started ? started.Result.InFlight : 0;
                }

                return total;
            }
        }
    }

    /// <summary>The least busy running child, waiting for one to start if none runs yet.</summary>
    public async Task<ChildConnection> PickAsync(CancellationToken cancellationToken)
    {
        Fill();
        ChildConnection? best = null;
        Task<ChildConnection>[] slots;
        lock (_gate)
        {
            slots = [.. _slots.Where(slot => slot is not null).Select(slot => slot!)];
        }

        foreach (var slot in slots)
        {
            if (slot.IsCompletedSuccessfully && !slot.Result.Exited.IsCompleted && (best is null || slot.Result.InFlight < best.InFlight))
            {
                best = slot.Result;
            }
        }

        if (best is not null)
        {
            return best;
        }

        // None is up yet: take the first to finish starting (a start failure surfaces if all fail).
        var first = await Task.WhenAny(slots).WaitAsync(cancellationToken);
        return first.IsCompletedSuccessfully ? first.Result : await slots.First(slot => slot != first);
    }
}
