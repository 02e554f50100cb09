using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>Tools that answer with each kind of content block, and one that fails.</summary>
[McpServerToolType]
internal static class ContentTools
{
    [McpServerTool(Name = "test_simple_text"), Description("Tests simple text content response")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpServerTool(Name = "test_image_content"), Description("Tests image content response")]
    public static ImageContentBlock ImageContent() => ImageContentBlock.FromBytes(TestAssets.Png, "image/png");

    [McpServerTool(Name = "test_audio_content"), Description("Tests audio content response")]
    public static AudioContentBlock AudioContent() => AudioContentBlock.FromBytes(TestAssets.Wav, "audio/wav");

    [McpServerTool(Name = "test_embedded_resource"), Description("Tests embedded resource content response")]
    public static EmbeddedResourceBlock EmbeddedResource() => new()
    {
        Resource = new TextResourceContents
        {
            Uri = "test://embedded-resource",
            MimeType = "text/plain",
            Text = "This is an embedded resource content.",
        },
    };

    [McpServerTool(Name = "test_multiple_content_types"), Description("Tests response with multiple content types (text, image, resource)")]
    public static IEnumerable<ContentBlock> MultipleContentTypes() =>
    [
        new TextContentBlock { Text = "Multiple content types test:" },
        ImageContentBlock.FromBytes(TestAssets.Png, "image/png"),
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents
            {
                Uri = "test://mixed-content-resource",
                MimeType = "application/json",
                Text = """{"test":"data","value":123}""",
            },
        },
    ];

    // Returned rather than thrown, so the text reaches the client exactly as the scenario expects.
    [McpServerTool(Name = "test_error_handling"), Description("Tests error response handling")]
    public static CallToolResult ErrorHandling() => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = "This tool intentionally returns an error for testing" }],
    };
}
