using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpBridge.Aggregation;

/// <summary>
/// The aggregated endpoint's own list cursors: each names, per server that has more, that server's cursor. A page of a
/// merged list holds the next page of every such server, so the first page already lists every server's first page.
/// </summary>
internal static class AggregateCursor
{
    /// <summary>The cursor for the servers' next cursors; <see langword="null"/> when none has more.</summary>
    public static string? Encode(JsonObject nextCursors) =>
        nextCursors.Count == 0 ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextCursors.ToJsonString()));

    /// <summary>The servers' cursors in <paramref name="cursor"/>, or <see langword="null"/> when it is not one of the gateway's.</summary>
    public static Dictionary<string, string>? Decode(string cursor)
    {
        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(cursor)) is not JsonObject servers)
            {
                return null;
            }

            var cursors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (server, value) in servers)
            {
                if (value is not JsonValue text || !text.TryGetValue(out string? serverCursor))
                {
                    return null;
                }

                cursors[server] = serverCursor;
            }

            return cursors;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
