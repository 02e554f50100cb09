using System.Text.RegularExpressions;
using McpBridge.Chat.Tests.FakeClaude;

namespace McpBridge.Chat.Tests.Infrastructure;

/// <summary>The chat service as a real process on a free loopback port, pointed at a gateway and (maybe) a fake Claude.</summary>
internal sealed partial class ChatService : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private ChatService(ServiceProcess process) => _process = process;

    public Uri BaseAddress => _process.BaseAddress;

    public ServiceProcess Process => _process;

    /// <summary>Starts the chat. Without <paramref name="claude"/> it has no API key (the chat is off; tools work).</summary>
    public static async Task<ChatService> StartAsync(Uri gatewayUrl, FakeClaudeServer? claude, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?> { ["MCP_GATEWAY_URL"] = gatewayUrl.ToString() };
        if (claude is not null)
        {
            environment["ANTHROPIC_API_KEY"] = claude.ApiKey;
            environment["ANTHROPIC_BASE_URL"] = claude.BaseUrl.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var process = await ServiceProcess.StartAsync("chat", RepoPaths.ChatDll, ["--urls", "http://127.0.0.1:0"], environment, Listening());
        return new ChatService(process);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"^McpBridge: chat (?<base>http://[^/\s]+)/$")]
    private static partial Regex Listening();
}
