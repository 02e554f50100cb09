using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace McpBridge.Router.Routing;

/// <summary>
/// The replica a request must reach, if any: <see cref="Key"/> is the session id or request state whose
/// <c>REPLICA.</c> prefix names it, read from <c>Mcp-Session-Id</c>, a legacy <c>sessionId</c> query or a 2026-07-28
/// body's <c>params.requestState</c>.
/// </summary>
internal readonly record struct RequestAffinity(RequestKind Kind, string? Key = null)
{
    public const string SessionIdHeader = "Mcp-Session-Id";
    public const string ProtocolVersionHeader = "MCP-Protocol-Version";
    public const string LegacySessionIdQuery = "sessionId";

    /// <summary>The first revision without sessions, whose requests carry their revision in a header.</summary>
    public const string FirstStatelessRevision = "2026-07-28";

    /// <summary>The name of the replica <see cref="Key"/> names; empty if none.</summary>
    public ReadOnlySpan<char> ReplicaName() => Key is null ? default : OwnerOf(Key);

    /// <summary>
    /// Reads the request's affinity from its headers (or, for the legacy transport, its query). Only a 2026-07-28
    /// POST's body is read, once, into memory, and left there for forwarding: it is the one place a retry names its
    /// replica.
    /// </summary>
    public static ValueTask<RequestAffinity> ReadAsync(HttpRequest request, McpTransport transport, CancellationToken cancellationToken)
    {
        switch (transport)
        {
            case McpTransport.LegacyStream:
                return new(new RequestAffinity(RequestKind.NewStream));
            case McpTransport.LegacyMessage:
                return new(LegacySessionOf(request.QueryString) is { Length: > 0 } id
                    ? new RequestAffinity(RequestKind.Session, id)
                    : new RequestAffinity(RequestKind.Stateless));
        }

        if (IsStatelessRevision(request.Headers[ProtocolVersionHeader].ToString()))
        {
            return HttpMethods.IsPost(request.Method) ? ReadStatelessPostAsync(request, cancellationToken) : new(new RequestAffinity(RequestKind.Stateless));
        }

        var sessionId = request.Headers[SessionIdHeader].ToString();
        return new(sessionId.Length == 0
            ? new RequestAffinity(RequestKind.NewSession)
            : new RequestAffinity(RequestKind.Session, sessionId));
    }

    /// <summary>
    /// The replica prefix of <c>REPLICA.REST</c> (a session id or request state); empty if there is none that a gateway
    /// would give (1-32 letters, digits or '-').
    /// </summary>
    public static ReadOnlySpan<char> OwnerOf(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot is < 1 or > 32)
        {
            return default;
        }

        var prefix = id.AsSpan(0, dot);
        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return default;
            }
        }

        return prefix;
    }

    /// <summary>The <c>params.requestState</c> string of a JSON-RPC message; null if it has none or is not JSON.</summary>
    public static string? RequestStateOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isParams = reader.ValueTextEquals("params"u8);
                reader.Read();
                if (isParams)
                {
                    return reader.TokenType == JsonTokenType.StartObject ? StringMember(ref reader, "requestState"u8) : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            // Not JSON: the replica answers that; the request can go anywhere.
            return null;
        }
    }

    // Later revisions keep per-request headers; compare as the gateway does.
    private static bool IsStatelessRevision(string version) =>
        version.Length > 0 && string.CompareOrdinal(version, FirstStatelessRevision) >= 0;

    private static async ValueTask<RequestAffinity> ReadStatelessPostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAllAsync(request, cancellationToken);
        return RequestStateOf(body) is { } state && !OwnerOf(state).IsEmpty
            ? new RequestAffinity(RequestKind.ResumeCall, state)
            : new RequestAffinity(RequestKind.Stateless);
    }

    private static string? StringMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    private static string? LegacySessionOf(QueryString query)
    {
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            if (pair.DecodeName().Span.SequenceEqual(LegacySessionIdQuery.AsSpan()))
            {
                return pair.DecodeValue().ToString();
            }
        }

        return null;
    }
}
