using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>The resources and the resource template of the <c>resources-*</c> scenarios.</summary>
[McpServerResourceType]
internal static class ConformanceResources
{
    /// <summary>The URI of the resource that changes and can be subscribed to.</summary>
    public const string WatchedUri = "test://watched-resource";

    [McpServerResource(UriTemplate = "test://static-text", Name = "static-text", Title = "Static Text Resource", MimeType = "text/plain")]
    [Description("A static text resource for testing")]
    public static TextResourceContents StaticText() => new()
    {
        Uri = "test://static-text",
        MimeType = "text/plain",
        Text = "This is the content of the static text resource.",
    };

    [McpServerResource(UriTemplate = "test://static-binary", Name = "static-binary", Title = "Static Binary Resource", MimeType = "image/png")]
    [Description("A static binary resource (image) for testing")]
    public static BlobResourceContents StaticBinary() => BlobResourceContents.FromBytes(TestAssets.Png, "test://static-binary", "image/png");

    [McpServerResource(UriTemplate = "test://template/{id}/data", Name = "template", Title = "Resource Template", MimeType = "application/json")]
    [Description("A resource template with parameter substitution")]
    public static TextResourceContents Template(string id) => new()
    {
        Uri = $"test://template/{id}/data",
        MimeType = "application/json",
        Text = JsonSerializer.Serialize(
            new Dictionary<string, object> { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" },
            JsonSerializerOptions.Web),
    };

    [McpServerResource(UriTemplate = WatchedUri, Name = "watched-resource", Title = "Watched Resource", MimeType = "text/plain")]
    [Description("A resource that changes when test_update_watched_resource is called (and once on subscribe)")]
    public static TextResourceContents Watched(ResourceSubscriptions subscriptions) => new()
    {
        Uri = WatchedUri,
        MimeType = "text/plain",
        Text = subscriptions.WatchedContent,
    };
}
