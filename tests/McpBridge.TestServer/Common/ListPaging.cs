using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Common;

/// <summary>
/// With <c>--page-size N</c>, <c>tools/list</c> and <c>resources/list</c> answer N entries a page, the cursor the offset
/// of the next: for tests of a client or gateway that follows <c>nextCursor</c>.
/// </summary>
internal static class ListPaging
{
    public static void Add(IMcpRequestFilterBuilder filters, int pageSize)
    {
        filters.AddListToolsFilter(next => async (request, cancellationToken) =>
        {
            var offset = TakeOffset(request.Params);
            var result = await next(request, cancellationToken);
            (result.Tools, result.NextCursor) = Page(result.Tools, offset, pageSize);
            return result;
        });
        filters.AddListResourcesFilter(next => async (request, cancellationToken) =>
        {
            var offset = TakeOffset(request.Params);
            var result = await next(request, cancellationToken);
            (result.Resources, result.NextCursor) = Page(result.Resources, offset, pageSize);
            return result;
        });
    }

    /// <summary>The offset the cursor names, taken out of the request: the SDK's own handler must list everything.</summary>
    private static int TakeOffset(PaginatedRequestParams? parameters)
    {
        if (parameters?.Cursor is not { } cursor)
        {
            return 0;
        }

        parameters.Cursor = null;
        return int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset
            : throw new McpProtocolException($"Invalid cursor '{cursor}': pass a nextCursor of this server, or none.", McpErrorCode.InvalidParams);
    }

    private static (IList<T> Page, string? NextCursor) Page<T>(IList<T> all, int offset, int pageSize)
    {
        var page = all.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count;
        return (page, next < all.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }
}
