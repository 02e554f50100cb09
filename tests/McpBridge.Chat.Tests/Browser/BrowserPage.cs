using Microsoft.Playwright;
using McpBridge.Chat.Tests.Infrastructure;

namespace McpBridge.Chat.Tests.Browser;

/// <summary>A page of the chat in its own browser context, with the errors it logged and a way to save screenshots.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A failed fetch is logged by Chromium as a console error; tests that provoke one say so.
            if (message.Type == "error" && !message.Text.Contains("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    public ILocator Prompt => Page.GetByLabel("Message to Claude");

    public ILocator Transcript => Page.Locator("#transcript");

    public ILocator LastAnswer => Page.Locator(".turn-assistant").Last;

    public ILocator ToolCard(string tool) => Page.Locator($".tool-card[data-tool=\"{tool}\"]");

    /// <summary>Saves a full-page screenshot under artifacts/test-results/chat/.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Artifact("chat", name), FullPage = true });

    public async Task AskAsync(string question)
    {
        await Prompt.FillAsync(question);
        await Prompt.PressAsync("Enter");
    }

    /// <summary>Fails if the page logged a script error or an unexpected console error.</summary>
    public void AssertNoErrors() =>
        Assert.True(_errors.Count == 0, "The page logged errors:\n" + string.Join('\n', _errors));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
