namespace McpBridge.Chat.Tests.Live;

/// <summary>
/// A test that talks to the real Claude API. It runs only when asked for, with <c>MCPBRIDGE_LIVE_CLAUDE=1</c> and
/// <c>ANTHROPIC_API_KEY</c> set (it costs money and needs the network); otherwise it is skipped and says why.
/// </summary>
public sealed class LiveClaudeFactAttribute : FactAttribute
{
    public LiveClaudeFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MCPBRIDGE_LIVE_CLAUDE") != "1")
        {
            Skip = "Needs the real Claude API: set MCPBRIDGE_LIVE_CLAUDE=1 and ANTHROPIC_API_KEY to run it (trait Execution=Manual).";
        }
        else if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")))
        {
            Skip = "MCPBRIDGE_LIVE_CLAUDE=1 but ANTHROPIC_API_KEY is not set.";
        }
    }
}
