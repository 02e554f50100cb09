using McpBridge.Router.Replicas;
using Yarp.ReverseProxy.Forwarder;

namespace McpBridge.Router.Routing;

/// <summary>
/// The outer step of the proxy pipeline. It reads the request's affinity, runs placement and forwarding, and handles
/// a replica that is gone or refuses. A session's request then gets 404, so the client re-initializes (503 while the
/// replica still finishes calls through this router). A new session or stateless request, whose body is buffered for
/// this, goes to the next replica. Failures that YARP leaves with an empty body get a JSON-RPC error.
/// </summary>
internal sealed partial class ReplicaFailover(RequestDelegate next, ReplicaDirectory directory, ILogger<ReplicaFailover> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var affinity = await RequestAffinity.ReadAsync(context.Request, context.RequestAborted);
        if (affinity.Kind != RequestKind.Session)
        {
            // A request that may go to another replica must be replayable.
            context.Request.EnableBuffering();
        }

        var attempt = new ForwardingAttempt(affinity);
        context.Features.Set(attempt);
        var proxy = context.GetReverseProxyFeature();
        while (true)
        {
            await next(context);
            if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested
                || proxy.ProxiedDestination is not { } destination || directory.FindById(destination.DestinationId) is not { } replica)
            {
                // Streaming (the answer is the replica's), the client gone, or answered by placement.
                return;
            }

            var error = context.Features.Get<IForwarderErrorFeature>();
            var unreachable = error is not null && IsConnectFailure(error);
            if (unreachable)
            {
                replica.MarkUnreachable();
                LogUnreachable(logger, replica.Id, replica.Name, error!.Exception?.Message);
                if (affinity.Kind == RequestKind.Session)
                {
                    // A replica that takes no connection but still streams answers through this router is stopping and
                    // finishing its calls: "retry later" keeps the session's client from giving up on those calls.
                    // Once nothing runs there any more, it is gone, and so is the session.
                    context.Response.Clear();
                    await (destination.ConcurrentRequestCount > 0
                        ? McpErrorResponses.ReplicaStoppingAsync(context)
                        : McpErrorResponses.SessionNotFoundAsync(context));
                    return;
                }
            }
            else if (!attempt.HeldBackRefusal)
            {
                if (error is not null)
                {
                    await McpErrorResponses.ForwardingFailedAsync(context, Describe(error.Error));
                }

                return;
            }

            if (!attempt.MayRetryElsewhere || !TryRewind(context.Request))
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                await McpErrorResponses.ForwardingFailedAsync(context, "no other replica can take it");
                return;
            }

            LogRetrying(logger, replica.Id, replica.Name, unreachable ? "unreachable" : "refused with 503");
            attempt.Tried.Add(replica.Id);
            attempt.HeldBackRefusal = false;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxy.ProxiedDestination = null;
        }
    }

    /// <summary>The replica was never reached (refused, no route, no such host): the request did not run there.</summary>
    private static bool IsConnectFailure(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.Request
        && error.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static bool TryRewind(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return false;
        }

        request.Body.Position = 0;
        return true;
    }

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.RequestTimedOut => "the replica did not answer in time",
        ForwarderError.Request or ForwarderError.RequestCreation => "the replica could not be reached",
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => "the request was cancelled",
        ForwarderError.RequestBodyClient => "the request body could not be read",
        ForwarderError.NoAvailableDestinations => "no replica is available",
        _ => $"the replica's answer failed ({error})",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} ({ReplicaName}) could not be reached: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string replica, string? replicaName, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} ({ReplicaName}) {Outcome}: trying another replica")]
    private static partial void LogRetrying(ILogger logger, string replica, string? replicaName, string outcome);
}
