using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>A hook that changes a resource, so its subscribers get <c>notifications/resources/updated</c>.</summary>
[McpServerToolType]
internal static class SubscriptionTools
{
    [McpServerTool(Name = "test_update_watched_resource"), Description("Changes test://watched-resource (or the given uri) and notifies its subscribers")]
    public static async Task<string> UpdateWatchedResource(
        ResourceSubscriptions subscriptions,
        [Description("The resource to mark as changed; test://watched-resource when omitted.")] string? uri = null,
        CancellationToken cancellationToken = default)
    {
        var told = await subscriptions.UpdateAsync(uri ?? ConformanceResources.WatchedUri, cancellationToken);
        return $"Notified {told} subscriber(s)";
    }
}
