using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// SEP-2549 caching hints (<c>ttlMs</c>, <c>cacheScope</c>) on the cacheable results. The
/// lists are the same for every caller (public); resource contents can change (private, short).
/// </summary>
internal static class CachingHints
{
    private static readonly TimeSpan s_listTtl = TimeSpan.FromMinutes(5);

    /// <summary>Adds the hints to every list and read result.</summary>
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddListToolsFilter(next => async (request, cancellationToken) =>
            Public(await next(request, cancellationToken)));
        filters.AddListPromptsFilter(next => async (request, cancellationToken) =>
            Public(await next(request, cancellationToken)));
        filters.AddListResourcesFilter(next => async (request, cancellationToken) =>
            Public(await next(request, cancellationToken)));
        filters.AddListResourceTemplatesFilter(next => async (request, cancellationToken) =>
            Public(await next(request, cancellationToken)));
        filters.AddReadResourceFilter(next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            result.TimeToLive = TimeSpan.Zero;
            result.CacheScope = CacheScope.Private;
            return result;
        });
    }

    private static T Public<T>(T result)
        where T : ICacheableResult
    {
        result.TimeToLive = s_listTtl;
        result.CacheScope = CacheScope.Public;
        return result;
    }
}
