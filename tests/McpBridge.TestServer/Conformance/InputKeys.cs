using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// Names the input a server-to-client request stands for. A 2026-07-28 server answers
/// with an <c>InputRequiredResult</c> whose <c>inputRequests</c> are keyed by name (the
/// scenarios check some names, e.g. <c>user_name</c>); this server sends classic requests
/// instead, and puts that name in the request's <c>_meta</c> under <see cref="MetaKey"/>,
/// so a gateway that turns the request into an input request can key it the same way and
/// match a client's <c>inputResponses</c> to it.
/// </summary>
internal static class InputKeys
{
    /// <summary>The <c>_meta</c> key that carries the input's name.</summary>
    public const string MetaKey = "mcpbridge/inputKey";

    /// <summary>Marks <paramref name="requestParams"/> as the input called <paramref name="key"/>.</summary>
    public static T WithInputKey<T>(this T requestParams, string key)
        where T : RequestParams
    {
        requestParams.Meta ??= [];
        requestParams.Meta[MetaKey] = JsonValue.Create(key);
        return requestParams;
    }
}
