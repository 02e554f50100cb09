namespace McpBridge.Router.Routing;

/// <summary>A request's way through the router: its affinity, and the replicas it tried and may still try.</summary>
internal sealed class ForwardingAttempt(RequestAffinity affinity)
{
    public RequestAffinity Affinity => affinity;

    /// <summary>The replicas (destination ids) that refused the request or could not be reached.</summary>
    public HashSet<string> Tried { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether another replica could take the request if this one refuses it or cannot be reached.</summary>
    public bool MayRetryElsewhere { get; set; }

    /// <summary>The replica answered 503 and its answer was held back so that another replica can be tried.</summary>
    public bool HeldBackRefusal { get; set; }
}
