using Ganss.Xss;
using Markdig;

namespace McpBridge.Chat.Conversation;

/// <summary>
/// Claude's Markdown as HTML that cannot carry markup or scripts: Markdig with raw HTML disabled, then HtmlSanitizer
/// (which also drops <c>javascript:</c> links and event attributes). The page's Content-Security-Policy is the third wall.
/// </summary>
internal sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();
    private readonly Lock _lock = new();

    public string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, _pipeline);
        lock (_lock)
        {
            return _sanitizer.Sanitize(html);
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
