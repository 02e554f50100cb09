using ModelContextProtocol.Protocol;
using TimeServer.Clock;

namespace TimeServer.Tools;

/// <summary>Tool results shaped as the python server shapes them: one text block, <c>isError</c> always set.</summary>
internal static class ToolResults
{
    /// <summary>The prefix the python server puts before every failure of a query.</summary>
    public const string QueryErrorPrefix = "Error processing mcp-server-time query: ";

    /// <summary>A successful result holding <paramref name="text"/>.</summary>
    public static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }], IsError = false };

    /// <summary>A failed result holding <paramref name="message"/>.</summary>
    public static CallToolResult Error(string message) => new() { Content = [new TextContentBlock { Text = message }], IsError = true };

    /// <summary>Runs a query that returns JSON text; a <see cref="TimeQueryException"/> becomes an error result.</summary>
    public static CallToolResult Query(Func<string> query)
    {
        try
        {
            return Text(query());
        }
        catch (TimeQueryException e)
        {
            return Error(QueryErrorPrefix + e.Message);
        }
    }
}
