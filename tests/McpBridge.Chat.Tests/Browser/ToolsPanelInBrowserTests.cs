using McpBridge.Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace McpBridge.Chat.Tests.Browser;

/// <summary>Without an API key the page says so and the Tools panel still calls the gateway's tools.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ToolsPanelInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private GatewayService _gateway = null!;
    private ChatService _chat = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayService.StartTimeAsync();
        _chat = await ChatService.StartAsync(_gateway.McpUrl, claude: null);
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_key_the_page_says_so_and_the_tools_panel_calls_tools()
    {
        await using var page = await browser.OpenAsync(_chat.BaseAddress);

        await Expect(page.Page.Locator("#key-banner")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("#key-banner")).ToContainTextAsync("no Anthropic API key is configured");
        await Expect(page.Page.GetByRole(AriaRole.Tab, new() { Name = "Tools" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Prompt).ToBeDisabledAsync();

        // A form made from get_current_time's input schema: a labelled, required timezone field.
        var getTime = page.Page.Locator(".tool[data-tool=\"get_current_time\"]");
        await Expect(getTime.Locator(".badge")).ToHaveTextAsync(["read-only", "idempotent"]);
        var timezone = getTime.GetByLabel("timezone");
        await Expect(timezone).ToHaveAttributeAsync("required", string.Empty);

        // Required fields are checked before anything is sent.
        await getTime.GetByRole(AriaRole.Button, new() { Name = "Call" }).ClickAsync();
        await Expect(getTime.Locator(".field-error")).ToHaveTextAsync("timezone is required.");

        await timezone.FillAsync("Europe/Paris");
        await getTime.GetByRole(AriaRole.Button, new() { Name = "Call" }).ClickAsync();
        var output = getTime.Locator(".tool-output");
        await Expect(output).ToHaveAttributeAsync("data-state", "ok");
        await Expect(output.Locator("pre")).ToContainTextAsync("\"timezone\": \"Europe/Paris\"");
        await Expect(output.Locator("pre")).ToContainTextAsync("\"day_of_week\"");

        // convert_time, opened from its summary, with all three fields; then a tool error shown as an error.
        var convert = page.Page.Locator(".tool[data-tool=\"convert_time\"]");
        await convert.Locator("summary").ClickAsync();
        await convert.GetByLabel("source_timezone").FillAsync("Europe/London");
        await convert.GetByLabel("time", new() { Exact = true }).FillAsync("16:30");
        await convert.GetByLabel("target_timezone").FillAsync("Asia/Tokyo");
        await convert.GetByRole(AriaRole.Button, new() { Name = "Call" }).ClickAsync();
        await Expect(convert.Locator(".tool-output pre")).ToContainTextAsync("\"time_difference\"");
        await page.ScreenshotAsync("tools-panel.png");

        await timezone.FillAsync("Not/AZone");
        await getTime.GetByRole(AriaRole.Button, new() { Name = "Call" }).ClickAsync();
        await Expect(output).ToHaveAttributeAsync("data-state", "error");
        await Expect(output.Locator("pre")).ToContainTextAsync("Not/AZone");

        // On a phone-sized screen the panel still fits.
        await page.Page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("tools-panel-phone.png");
        var overflow = await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page is wider than a phone screen.");
        page.AssertNoErrors();
    }
}
