using System.Text.Json.Nodes;
using McpBridge.Chat.Tests.FakeClaude;
using McpBridge.Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace McpBridge.Chat.Tests.Browser;

/// <summary>The chat in headless Chromium: gateway (time sample) + chat + fake Claude, all real processes.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ChatInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private GatewayService _gateway = null!;
    private FakeClaudeServer _claude = null!;
    private ChatService _chat = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayService.StartTimeAsync();
        _claude = await FakeClaudeServer.StartAsync();
        _chat = await ChatService.StartAsync(_gateway.McpUrl, _claude);
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _claude.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_question_shows_the_tool_card_and_the_answer_streaming_in()
    {
        var restOfAnswer = new TaskCompletionSource();
        _claude
            .Reply(FakeReply.ToolUse("toolu_tokyo", "get_current_time", new { timezone = "Asia/Tokyo" }))
            .Reply(FakeReply.Text("It is **evening** in Tokyo: ", "the gateway's time server says so.\n\n", "| city | zone |\n|---|---|\n| Tokyo | `Asia/Tokyo` |") with
            {
                Gate = restOfAnswer.Task,
                GateAtChunk = 1,
            });
        await using var page = await browser.OpenAsync(_chat.BaseAddress);
        await Expect(page.Page.Locator("#gateway-status")).ToHaveAttributeAsync("data-state", "up");
        await Expect(page.Page.Locator("#empty-tools")).ToContainTextAsync("get_current_time, convert_time");

        await page.AskAsync("What time is it in Tokyo?");

        // The tool card, done, with its duration; then the first words of the answer while the rest has not come yet.
        var card = page.ToolCard("get_current_time");
        await Expect(card).ToHaveAttributeAsync("data-state", "ok");
        await Expect(card.Locator(".tool-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? m?s$"));
        var streaming = page.LastAnswer.Locator(".markdown.streaming");
        await Expect(streaming).ToHaveTextAsync("It is **evening** in Tokyo: ");
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Stop" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("chat-streaming.png");

        restOfAnswer.SetResult();
        await Expect(page.LastAnswer.Locator(".markdown strong")).ToHaveTextAsync("evening");
        await Expect(page.LastAnswer.Locator(".markdown td code")).ToHaveTextAsync("Asia/Tokyo");
        await Expect(page.LastAnswer.Locator(".markdown.streaming")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();

        // The card opens on a click and shows the arguments and the gateway's real result.
        await card.Locator("summary").ClickAsync();
        await Expect(card.Locator(".tool-arguments")).ToContainTextAsync("\"timezone\": \"Asia/Tokyo\"");
        await Expect(card.Locator(".tool-result")).ToContainTextAsync("\"timezone\": \"Asia/Tokyo\"");
        await Expect(card.Locator(".tool-result")).ToContainTextAsync("\"datetime\"");
        await page.ScreenshotAsync("chat-answer.png");

        // On a phone-sized screen nothing is wider than the screen.
        await page.Page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("chat-phone.png");
        Assert.False(await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The chat is wider than a phone screen.");

        var second = await _claude.WaitForRequestAsync(2);
        Assert.Equal("toolu_tokyo", (string?)second.Content(2)[0]!["tool_use_id"]);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Stop_cancels_the_Claude_call_and_keeps_what_was_said()
    {
        _claude
            .Reply(FakeReply.Text("Let me think about that", " for a very long time") with { HangAfterFirstChunk = true })
            .Reply(FakeReply.Text("Fine, a short answer then."));
        await using var page = await browser.OpenAsync(_chat.BaseAddress);

        await page.AskAsync("Tell me a long story.");
        await Expect(page.LastAnswer.Locator(".markdown")).ToHaveTextAsync("Let me think about that");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        await Expect(page.LastAnswer.Locator(".turn-meta")).ToHaveTextAsync("Stopped.");
        var first = await _claude.WaitForRequestAsync(1);
        await first.Aborted.WaitAsync(TimeSpan.FromSeconds(20));

        await page.AskAsync("Shorter, please.");
        await Expect(page.LastAnswer.Locator(".markdown")).ToHaveTextAsync("Fine, a short answer then.");
        var second = await _claude.WaitForRequestAsync(2);
        Assert.Equal(["user", "assistant", "user"], second.Messages.Select(m => (string?)m!["role"]));
        Assert.Equal("Let me think about that", (string?)second.Content(1)[0]!["text"]);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task Keyboard_markdown_safety_reload_and_new_chat()
    {
        _claude.Reply(FakeReply.Text(
            "Safe **bold** text. <img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> ",
            "[a link](javascript:window.__pwned=3) and [a real one](https://example.org/docs)."));
        await using var page = await browser.OpenAsync(_chat.BaseAddress);

        // Shift+Enter adds a line and sends nothing; Enter sends.
        await page.Prompt.FillAsync("line one");
        await page.Prompt.PressAsync("Shift+Enter");
        await page.Prompt.PressSequentiallyAsync("line two");
        await Expect(page.Prompt).ToHaveValueAsync("line one\nline two");
        Assert.Empty(_claude.Requests);
        await page.Prompt.PressAsync("Enter");
        await Expect(page.Page.Locator(".turn-user")).ToHaveTextAsync("line one\nline two");
        await Expect(page.Prompt).ToHaveValueAsync(string.Empty);

        // Markdown renders; the HTML and the script in the answer do not.
        await Expect(page.LastAnswer.Locator(".markdown strong")).ToHaveTextAsync("bold");
        Assert.Equal("line one\nline two", (string?)(await _claude.WaitForRequestAsync(1)).Content(0)[0]!["text"]);
        await Expect(page.Transcript.Locator("img, script, [onerror]")).ToHaveCountAsync(0);
        Assert.Null(await page.Page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        await Expect(page.Transcript.GetByRole(AriaRole.Link, new() { Name = "a real one" })).ToHaveAttributeAsync("href", "https://example.org/docs");
        Assert.Null(await page.Transcript.GetByText("a link").GetAttributeAsync("href"));

        // The conversation survives a reload; New chat clears it for good.
        await page.Page.ReloadAsync();
        await Expect(page.Page.Locator(".turn-user")).ToHaveTextAsync("line one\nline two");
        await Expect(page.LastAnswer.Locator(".markdown strong")).ToHaveTextAsync("bold");
        await page.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await page.ScreenshotAsync("chat-dark.png");
        var background = await page.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(23, 24, 27)", background);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "New chat" }).ClickAsync();
        await Expect(page.Page.Locator(".turn")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Ask Claude anything" })).ToBeVisibleAsync();
        await page.Page.ReloadAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Ask Claude anything" })).ToBeVisibleAsync();
        await Expect(page.Page.Locator(".turn")).ToHaveCountAsync(0);
        page.AssertNoErrors();
    }

    [Fact]
    public async Task The_gateway_stopped_and_started_again_mid_conversation()
    {
        _claude
            .Reply(FakeReply.ToolUse("toolu_1", "get_current_time", new { timezone = "Asia/Tokyo" }))
            .Reply(FakeReply.Text("Tokyo checked."))
            .Reply(FakeReply.ToolUse("toolu_2", "get_current_time", new { timezone = "Europe/London" }))
            .Reply(FakeReply.Text("London checked too."));
        await using var page = await browser.OpenAsync(_chat.BaseAddress);
        await page.AskAsync("Time in Tokyo?");
        await Expect(page.LastAnswer.Locator(".markdown")).ToHaveTextAsync("Tokyo checked.");

        await _gateway.StopAsync();
        await page.AskAsync("And in London?");
        await Expect(page.LastAnswer.Locator(".turn-error")).ToContainTextAsync("is not reachable (connection refused)");
        var banner = page.Page.Locator("#gateway-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync(_gateway.McpUrl.ToString());
        await Expect(page.Page.Locator("#gateway-status")).ToHaveAttributeAsync("data-state", "down");
        await page.ScreenshotAsync("chat-gateway-down.png");
        Assert.Equal(2, _claude.Requests.Count);

        await _gateway.StartAgainAsync();
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.Page.Locator("#gateway-status")).ToHaveAttributeAsync("data-state", "up");
        await page.LastAnswer.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(page.LastAnswer.Locator(".markdown")).ToHaveTextAsync("London checked too.");
        await Expect(page.ToolCard("get_current_time").Last).ToHaveAttributeAsync("data-state", "ok");

        var afterRestart = await _claude.WaitForRequestAsync(4);
        Assert.Equal(["user", "assistant", "user", "assistant", "user", "assistant", "user"], afterRestart.Messages.Select(m => (string?)m!["role"]));
        Assert.Contains("Europe/London", afterRestart.Content(6)[0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Page.Locator(".turn-user").CountAsync());
        page.AssertNoErrors();
    }
}
