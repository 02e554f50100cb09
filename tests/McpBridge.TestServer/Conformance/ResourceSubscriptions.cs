using System.Collections.Concurrent;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// Which session is subscribed to which resource, and the changing content of the watched
/// resource. Subscribing to <see cref="ConformanceResources.WatchedUri"/> changes it once
/// straight away (so a subscriber sees one <c>notifications/resources/updated</c> without
/// further help); <see cref="UpdateAsync"/> changes a resource on demand.
/// </summary>
internal sealed class ResourceSubscriptions
{
    private readonly ConcurrentDictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>The current text of the watched resource.</summary>
    public string WatchedContent => Volatile.Read(ref _version) is var version and > 0
        ? $"Watched resource content (update {version.ToString(CultureInfo.InvariantCulture)})"
        : "Watched resource content";

    /// <summary>The <c>resources/subscribe</c> handler.</summary>
    public async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        var uri = RequireUri(context.Params?.Uri);
        _subscribers.GetOrAdd(KeyOf(context.Server), _ => new Subscriber(context.Server)).Uris[uri] = 0;
        if (uri == ConformanceResources.WatchedUri)
        {
            await UpdateAsync(uri, cancellationToken);
        }

        return new EmptyResult();
    }

    /// <summary>The <c>resources/unsubscribe</c> handler.</summary>
    public ValueTask<EmptyResult> UnsubscribeAsync(RequestContext<UnsubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        var uri = RequireUri(context.Params?.Uri);
        if (_subscribers.TryGetValue(KeyOf(context.Server), out var subscriber))
        {
            subscriber.Uris.TryRemove(uri, out _);
        }

        return ValueTask.FromResult(new EmptyResult());
    }

    /// <summary>
    /// Marks <paramref name="uri"/> as changed and sends <c>notifications/resources/updated</c>
    /// to every session subscribed to it; returns how many were told.
    /// </summary>
    public async Task<int> UpdateAsync(string uri, CancellationToken cancellationToken)
    {
        if (uri == ConformanceResources.WatchedUri)
        {
            Interlocked.Increment(ref _version);
        }

        var told = 0;
        foreach (var subscriber in _subscribers.Values.Where(s => s.Uris.ContainsKey(uri)))
        {
            await subscriber.Server.SendNotificationAsync(
                NotificationMethods.ResourceUpdatedNotification,
                new ResourceUpdatedNotificationParams { Uri = uri },
                cancellationToken: cancellationToken);
            told++;
        }

        return told;
    }

    // stdio serves one session, which has no id.
    private static string KeyOf(McpServer server) => server.SessionId ?? "stdio";

    private static string RequireUri(string? uri) =>
        string.IsNullOrEmpty(uri) ? throw new McpProtocolException("A resource uri is required.", McpErrorCode.InvalidParams) : uri;

    private sealed record Subscriber(McpServer Server)
    {
        public ConcurrentDictionary<string, byte> Uris { get; } = new(StringComparer.Ordinal);
    }
}
