using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace TimeServer.Tools;

/// <summary>
/// Lists the tools in the python server's order. The SDK keeps registered tools in a dictionary,
/// whose order is not the registration order.
/// </summary>
internal static class PythonToolOrder
{
    private static readonly string[] Order = [GetCurrentTimeTool.Name, ConvertTimeTool.Name];

    /// <summary>A <c>tools/list</c> filter that sorts the result.</summary>
    public static McpRequestHandler<ListToolsRequestParams, ListToolsResult> Apply(
        McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            result.Tools = [.. result.Tools.OrderBy(tool => Rank(tool.Name))];
            return result;
        };

    private static int Rank(string name) => Array.IndexOf(Order, name) is var index and >= 0 ? index : Order.Length;
}
