namespace McpBridge.Chat.Tests.Browser;

/// <summary>The browser tests share one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
