using AngleSharp.Html.Parser;
using McpBridge.Chat.Conversation;

namespace McpBridge.Chat.Tests.Unit;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("<a href=\"https://example.org\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("![pixel](https://example.org/track.png)")]
    [InlineData("<div style=\"position:fixed\">x</div>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void Markup_in_an_answer_is_never_rendered(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var elements = document.Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "img" or "iframe" or "div" or "style");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style");
        Assert.DoesNotContain(elements.Select(e => e.GetAttribute("href")), href => href is not null && !href.StartsWith("https:", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_renders_as_html()
    {
        var html = _renderer.ToHtml("# Time\n\nIt is **late**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```json\n{\"x\": 1}\n```\n\n- [x] done\n\nSee https://example.org.");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>late</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<pre><code>{\"x\": 1}", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_in_text_shows_as_text()
    {
        var html = _renderer.ToHtml("Use <b>tags</b> & entities");

        Assert.Contains("&lt;b&gt;tags&lt;/b&gt;", html, StringComparison.Ordinal);
    }
}
