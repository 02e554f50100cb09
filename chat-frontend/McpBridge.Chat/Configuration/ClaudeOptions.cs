namespace McpBridge.Chat.Configuration;

/// <summary>
/// How to call Claude (section <c>Claude</c>). <c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_BASE_URL</c> and
/// <c>ANTHROPIC_MODEL</c> also set <c>Claude:ApiKey</c>, <c>Claude:BaseUrl</c> and <c>Claude:Model</c>.
/// </summary>
internal sealed class ClaudeOptions
{
    public const string Section = "Claude";

    /// <summary>The Anthropic API key. Without one the chat is off and only the Tools panel works. Never sent to the browser.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Another Messages API endpoint (a proxy, or a fake in tests). Default: Anthropic's own.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The model. Default <c>claude-sonnet-5-5</c>.</summary>
    public string Model { get; set; } = "claude-sonnet-5-5";

    /// <summary>The most tokens one Claude reply may have. Default 4096.</summary>
    public int MaxTokens { get; set; } = 4096;

    /// <summary>An optional system prompt sent ahead of every conversation.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>The most Claude calls (tool rounds) one chat turn may make. Default 10.</summary>
    public int MaxToolRounds { get; set; } = 10;

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
