using McpBridge.Router.Replicas;

namespace McpBridge.Router.Routing;

/// <summary>
/// Placement by load: a replica's sessions (as its <c>/status</c> last said, plus the ones this router opened there
/// since) plus the requests this router has in flight there. Ties take turns, so equal replicas share the work.
/// </summary>
internal sealed class LeastLoadedPolicy
{
    private uint _turn;

    /// <summary>
    /// The least-loaded replica that takes new work and <paramref name="attempt"/> has not tried; null if there is none.
    /// <paramref name="candidates"/> is how many could take it.
    /// </summary>
    public Replica? Pick(IReadOnlyList<Replica> replicas, ForwardingAttempt? attempt, out int candidates)
    {
        // Two passes over a handful of replicas instead of a list per request: the least load and its ties, then the tie
        // whose turn it is. Loads move meanwhile; the last one seen at the least load stands in for a tie that moved.
        var least = int.MaxValue;
        var tied = 0;
        candidates = 0;
        foreach (var replica in replicas)
        {
            if (!IsCandidate(replica, attempt))
            {
                continue;
            }

            candidates++;
            var load = replica.Load;
            if (load < least)
            {
                least = load;
                tied = 0;
            }

            if (load == least)
            {
                tied++;
            }
        }

        if (candidates == 0)
        {
            return null;
        }

        var turn = (int)(Interlocked.Increment(ref _turn) % (uint)tied);
        Replica? pick = null;
        foreach (var replica in replicas)
        {
            if (IsCandidate(replica, attempt) && replica.Load == least)
            {
                pick = replica;
                if (turn-- == 0)
                {
                    break;
                }
            }
        }

        return pick ?? First(replicas, attempt);
    }

    private static bool IsCandidate(Replica replica, ForwardingAttempt? attempt) =>
        replica.TakesNewWork && attempt?.HasTried(replica) != true;

    private static Replica? First(IReadOnlyList<Replica> replicas, ForwardingAttempt? attempt)
    {
        foreach (var replica in replicas)
        {
            if (IsCandidate(replica, attempt))
            {
                return replica;
            }
        }

        return null;
    }
}
