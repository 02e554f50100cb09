using McpBridge.Router.Replicas;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace McpBridge.Router.Routing;

/// <summary>
/// Reads each replica's answer on its way back: a new session id means one more session there (the load counts it
/// before the next poll); a 503 to new work means the replica refuses (draining or full), and, when another replica
/// could take the request, the answer is held back so that <see cref="ReplicaFailover"/> sends it there instead. An
/// event stream's headers go out at once.
/// </summary>
internal sealed class ReplicaResponseTransforms(ReplicaDirectory directory) : ITransformProvider
{
    private const string EventStream = "text/event-stream";

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(Inspect);

    private async ValueTask Inspect(ResponseTransformContext transform)
    {
        var http = transform.HttpContext;
        if (transform.ProxyResponse is not { } response || http.Features.Get<ForwardingAttempt>() is not { } attempt
            || http.GetReverseProxyFeature().ProxiedDestination is not { } destination || directory.FindById(destination.DestinationId) is not { } replica)
        {
            return;
        }

        if (response.Content.Headers.ContentType?.MediaType == EventStream)
        {
            // YARP sends the headers with the first bytes of the body; a quiet stream (a GET stream, a slow call) must
            // reach its client at once, or the client's own timeout for the headers runs out.
            await http.Response.StartAsync(transform.CancellationToken);
            return;
        }

        var kind = attempt.Affinity.Kind;
        if (kind == RequestKind.NewSession && response.IsSuccessStatusCode && response.Headers.Contains(RequestAffinity.SessionIdHeader))
        {
            replica.MarkSessionPlaced();
        }
        else if (kind is RequestKind.NewSession or RequestKind.Stateless && (int)response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            replica.MarkRefusing();
            if (attempt.MayRetryElsewhere)
            {
                transform.SuppressResponseBody = true;
                attempt.HeldBackRefusal = true;
            }
        }
    }
}
