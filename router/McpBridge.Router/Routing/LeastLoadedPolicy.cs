using McpBridge.Router.Replicas;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace McpBridge.Router.Routing;

/// <summary>
/// YARP load balancing by load: a replica's sessions (as its <c>/status</c> last said, plus the ones this router opened
/// there since) plus the requests this router has in flight there. Ties take turns, so equal replicas share the work.
/// </summary>
internal sealed class LeastLoadedPolicy(ReplicaDirectory directory) : ILoadBalancingPolicy
{
    public const string PolicyName = "LeastLoaded";

    private uint _turn;

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        var least = int.MaxValue;
        var tied = new List<DestinationState>(availableDestinations.Count);
        foreach (var destination in availableDestinations)
        {
            var load = LoadOf(destination);
            if (load < least)
            {
                least = load;
                tied.Clear();
            }

            if (load == least)
            {
                tied.Add(destination);
            }
        }

        return tied[(int)(Interlocked.Increment(ref _turn) % (uint)tied.Count)];
    }

    private int LoadOf(DestinationState destination) =>
        (directory.FindById(destination.DestinationId)?.KnownSessions ?? 0) + destination.ConcurrentRequestCount;
}
