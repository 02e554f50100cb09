using McpBridge.Router.Replicas;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace McpBridge.Router.Routing;

/// <summary>
/// Routes one MCP request: a session's requests to the replica named in its id (404 if that replica is unknown or
/// gone, 503 while it still finishes calls through this router), a resumed call to the replica holding it, and new
/// sessions and stateless requests to the least-loaded replica that takes new work, then to the next one if that
/// replica refuses (503) or cannot be reached. Failures that YARP leaves with an empty body get a JSON-RPC error.
/// </summary>
internal sealed partial class McpRequestRouter(ReplicaDirectory directory, ReplicaForwarder forwarder, ILogger<McpRequestRouter> logger)
{
    private readonly LeastLoadedPolicy _leastLoaded = new();

    public async Task RouteAsync(HttpContext context, McpTransport transport)
    {
        var affinity = await RequestAffinity.ReadAsync(context.Request, transport, context.RequestAborted);
        var attempt = new ForwardingAttempt(affinity);
        if (affinity.Kind == RequestKind.Session)
        {
            await ForwardToOwnerAsync(context, attempt, transport);
            return;
        }

        var first = true;
        while (Place(attempt) is { } replica)
        {
            if (first && attempt.MayRetryElsewhere && !context.Request.Body.CanSeek && CanHaveBody(context))
            {
                // Only a request that may go to a second replica is kept to be sent again.
                context.Request.EnableBuffering();
            }

            first = false;
            var error = await forwarder.ForwardAsync(context, replica, attempt);
            if (!await ShouldTryAnotherAsync(context, attempt, replica, error))
            {
                return;
            }

            LogRetrying(logger, replica.Id, replica.Name, attempt.HeldBackRefusal ? "refused with 503" : "unreachable");
            attempt.MoveOn();
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
        }

        await McpErrorResponses.NoReplicaReadyAsync(context);
    }

    private async Task ForwardToOwnerAsync(HttpContext context, ForwardingAttempt attempt, McpTransport transport)
    {
        if (directory.FindByName(attempt.Affinity.ReplicaName()) is not { } owner)
        {
            LogUnknownOwner(logger, attempt.Affinity.ReplicaName().ToString() is { Length: > 0 } name ? name : "(none)");
            await McpErrorResponses.SessionNotFoundAsync(context, transport);
            return;
        }

        var error = await forwarder.ForwardAsync(context, owner, attempt);
        if (error == ForwarderError.None || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (context.Features.Get<IForwarderErrorFeature>() is { } failure && IsConnectFailure(failure))
        {
            MarkUnreachable(owner, failure);
            // A replica that takes no connection but still streams answers through this router is stopping and
            // finishing its calls: "retry later" keeps the session's client from giving up on those calls. Once
            // nothing runs there any more, it is gone, and so is the session.
            context.Response.Clear();
            await (owner.InFlight > 0
                ? McpErrorResponses.ReplicaStoppingAsync(context)
                : McpErrorResponses.SessionNotFoundAsync(context, transport));
            return;
        }

        await McpErrorResponses.ForwardingFailedAsync(context, Describe(error));
    }

    /// <summary>Narrows a request without a session to its replica; null when none is left to try.</summary>
    private Replica? Place(ForwardingAttempt attempt)
    {
        if (attempt.Affinity.Kind == RequestKind.ResumeCall && directory.FindByName(attempt.Affinity.ReplicaName()) is { IsReachable: true } holder
            && !attempt.HasTried(holder))
        {
            // Should the holder be gone, any replica answers the retry with "unknown requestState", as the holder would.
            attempt.MayRetryElsewhere = true;
            return holder;
        }

        var replica = _leastLoaded.Pick(directory.All, attempt, out var candidates);
        attempt.MayRetryElsewhere = candidates > 1;
        return replica;
    }

    /// <summary>After a forward: whether the request goes to another replica; if not, its answer is complete.</summary>
    private async Task<bool> ShouldTryAnotherAsync(HttpContext context, ForwardingAttempt attempt, Replica replica, ForwarderError error)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested || (error == ForwarderError.None && !attempt.HeldBackRefusal))
        {
            // Streaming (the answer is the replica's), the client gone, or answered.
            return false;
        }

        var failure = context.Features.Get<IForwarderErrorFeature>();
        if (failure is not null && IsConnectFailure(failure))
        {
            MarkUnreachable(replica, failure);
        }
        else if (!attempt.HeldBackRefusal)
        {
            await McpErrorResponses.ForwardingFailedAsync(context, Describe(error));
            return false;
        }

        if (attempt.MayRetryElsewhere && TryRewind(context.Request))
        {
            return true;
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        await McpErrorResponses.ForwardingFailedAsync(context, "no other replica can take it");
        return false;
    }

    private void MarkUnreachable(Replica replica, IForwarderErrorFeature failure)
    {
        replica.MarkUnreachable();
        LogUnreachable(logger, replica.Id, replica.Name, failure.Exception?.Message);
    }

    /// <summary>The replica was never reached (refused, no route, no such host): the request did not run there.</summary>
    private static bool IsConnectFailure(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.Request
        && error.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static bool CanHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    private static bool TryRewind(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return !CanHaveBody(request.HttpContext);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "No replica named {ReplicaName} holds the session: answered 404 so that the client starts a new one")]
    private static partial void LogUnknownOwner(ILogger logger, string replicaName);
}
