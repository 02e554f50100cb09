using McpBridge.Router.Replicas;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace McpBridge.Router.Routing;

/// <summary>
/// The proxy pipeline's step that narrows a request's destinations by its affinity: a session's requests to the replica
/// named in its id (404 if that replica is unknown), a resumed call to the replica holding it, and everything else to
/// the replicas that take new work, for <see cref="LeastLoadedPolicy"/> to choose from.
/// </summary>
internal sealed partial class ReplicaPlacement(RequestDelegate next, ReplicaDirectory directory, ILogger<ReplicaPlacement> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var attempt = context.Features.GetRequiredFeature<ForwardingAttempt>();
        var affinity = attempt.Affinity;

        if (affinity.Kind == RequestKind.Session)
        {
            attempt.MayRetryElsewhere = false;
            if (affinity.ReplicaName is { } name && directory.FindByName(name) is { } owner && DestinationOf(proxy, owner) is { } destination)
            {
                proxy.AvailableDestinations = destination;
                return next(context);
            }

            LogUnknownOwner(logger, affinity.ReplicaName ?? "(none)");
            return McpErrorResponses.SessionNotFoundAsync(context);
        }

        if (affinity.Kind == RequestKind.ResumeCall && directory.FindByName(affinity.ReplicaName!) is { IsReachable: true } holder
            && !attempt.Tried.Contains(holder.Id) && DestinationOf(proxy, holder) is { } holding)
        {
            // Should the holder be gone, any replica answers the retry with "unknown requestState", as the holder would.
            attempt.MayRetryElsewhere = true;
            proxy.AvailableDestinations = holding;
            return next(context);
        }

        var candidates = proxy.AllDestinations
            .Where(destination => !attempt.Tried.Contains(destination.DestinationId)
                && directory.FindById(destination.DestinationId) is { TakesNewWork: true })
            .ToList();
        if (candidates.Count == 0)
        {
            return McpErrorResponses.NoReplicaReadyAsync(context);
        }

        attempt.MayRetryElsewhere = candidates.Count > 1;
        proxy.AvailableDestinations = candidates;
        return next(context);
    }

    private static DestinationState? DestinationOf(IReverseProxyFeature proxy, Replica replica) =>
        proxy.AllDestinations.FirstOrDefault(destination => destination.DestinationId == replica.Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "No replica named {ReplicaName} holds the session: answered 404 so that the client starts a new one")]
    private static partial void LogUnknownOwner(ILogger logger, string replicaName);
}
