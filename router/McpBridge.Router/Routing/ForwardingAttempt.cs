using McpBridge.Router.Replicas;
using Yarp.ReverseProxy.Forwarder;

namespace McpBridge.Router.Routing;

/// <summary>
/// A request's way through the router: its affinity, the replica it is sent to and the ones it tried. As YARP's
/// transformer for that request it copies the request as it is (the original <c>Host</c> kept, so that replicas check
/// the name clients used, and <c>X-Forwarded-*</c> set), and reads the replica's answer on its way back: a new session
/// there counts as load before the next poll, and a 503 to new work means the replica refuses (draining or full), and,
/// when another replica could take the request, the answer is held back so that the router sends it there instead.
/// </summary>
internal sealed class ForwardingAttempt(RequestAffinity affinity) : HttpTransformer
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string ForwardedHost = "X-Forwarded-Host";

    // Allocated only when a request goes to a second replica.
    private List<Replica>? _tried;

    public RequestAffinity Affinity => affinity;

    /// <summary>The replica the request is being sent to.</summary>
    public Replica? Replica { get; set; }

    /// <summary>Whether another replica could take the request if this one refuses it or cannot be reached.</summary>
    public bool MayRetryElsewhere { get; set; }

    /// <summary>The replica answered 503 and its answer was held back so that another replica can be tried.</summary>
    public bool HeldBackRefusal { get; private set; }

    public bool HasTried(Replica replica) => _tried?.Contains(replica) == true;

    /// <summary>The current replica refused or could not be reached: the next placement skips it.</summary>
    public void MoveOn()
    {
        if (Replica is { } replica)
        {
            (_tried ??= []).Add(replica);
        }

        Replica = null;
        HeldBackRefusal = false;
    }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var headers = proxyRequest.Headers;
        headers.Remove(ForwardedFor);
        headers.Remove(ForwardedProto);
        headers.Remove(ForwardedHost);
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            headers.TryAddWithoutValidation(ForwardedFor, client.ToString());
        }

        headers.TryAddWithoutValidation(ForwardedProto, httpContext.Request.Scheme);
        headers.TryAddWithoutValidation(ForwardedHost, httpContext.Request.Host.Value);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null || Replica is not { } replica)
        {
            return false;
        }

        var placement = affinity.Kind is RequestKind.NewSession or RequestKind.NewStream or RequestKind.Stateless;
        if (placement && (int)proxyResponse.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            replica.MarkRefusing();
            if (MayRetryElsewhere)
            {
                HeldBackRefusal = true;
                return false;
            }
        }
        else if (proxyResponse.IsSuccessStatusCode && affinity.Kind switch
        {
            RequestKind.NewSession => proxyResponse.Headers.Contains(RequestAffinity.SessionIdHeader),
            RequestKind.NewStream => true,
            _ => false,
        })
        {
            replica.MarkSessionPlaced();
        }

        if (!await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken))
        {
            return false;
        }

        ClientResponseBody.Relay(httpContext, proxyResponse);
        return true;
    }
}
