namespace McpBridge.Chat.Configuration;

/// <summary>Limits of the browser-facing API (section <c>ChatApi</c>).</summary>
internal sealed class ChatApiOptions
{
    public const string Section = "ChatApi";

    /// <summary>The largest request body, the whole conversation included. Larger gets 413. Default 1 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Chat turns and tool calls one client address may start per minute. More get 429. Default 30.</summary>
    public int RequestsPerMinute { get; set; } = 30;
}
