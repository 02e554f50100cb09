using System.Text.Json;

namespace McpBridge.Router.Routing;

/// <summary>The replica a request must reach, if any, read from <c>Mcp-Session-Id</c> or a 2026-07-28 body's <c>params.requestState</c>.</summary>
internal sealed record RequestAffinity(RequestKind Kind, string? ReplicaName = null)
{
    public const string SessionIdHeader = "Mcp-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    /// <summary>The first revision without sessions, whose requests carry their revision in a header.</summary>
    public const string FirstStatelessRevision = "2026-07-28";

    /// <summary>
    /// Reads the request's affinity. Only a 2026-07-28 POST's body is read (buffered, and rewound for forwarding): it is
    /// the one place a retry names its replica.
    /// </summary>
    public static async Task<RequestAffinity> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var version = request.Headers[ProtocolVersionHeader].ToString();
        if (IsStatelessRevision(version))
        {
            return HttpMethods.IsPost(request.Method) && await ReadRequestStateAsync(request, cancellationToken) is { } state && OwnerOf(state) is { } owner
                ? new RequestAffinity(RequestKind.ResumeCall, owner)
                : new RequestAffinity(RequestKind.Stateless);
        }

        var sessionId = request.Headers[SessionIdHeader].ToString();
        return sessionId.Length == 0
            ? new RequestAffinity(RequestKind.NewSession)
            : new RequestAffinity(RequestKind.Session, OwnerOf(sessionId));
    }

    /// <summary>
    /// The replica prefix of <c>REPLICA.REST</c> (a session id or request state); null if there is none that a gateway
    /// would give (1-32 letters, digits or '-').
    /// </summary>
    public static string? OwnerOf(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot is < 1 or > 32)
        {
            return null;
        }

        var prefix = id.AsSpan(0, dot);
        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return null;
            }
        }

        return prefix.ToString();
    }

    // Later revisions keep per-request headers; compare as the gateway does.
    private static bool IsStatelessRevision(string version) =>
        version.Length > 0 && string.CompareOrdinal(version, FirstStatelessRevision) >= 0;

    private static async Task<string?> ReadRequestStateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("requestState", out var state) && state.ValueKind == JsonValueKind.String
                    ? state.GetString()
                    : null;
        }
        catch (JsonException)
        {
            // Not JSON: the replica answers that; the request can go anywhere.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
