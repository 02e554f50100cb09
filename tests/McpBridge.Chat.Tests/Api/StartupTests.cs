using System.Diagnostics;
using McpBridge.Chat.Tests.Infrastructure;

namespace McpBridge.Chat.Tests.Api;

/// <summary>Invalid settings stop the chat with every problem named; the container probe answers for its health.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Invalid_settings_stop_start_up_naming_each_key()
    {
        var (exitCode, output) = await RunAsync(
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?>
            {
                ["MCP_GATEWAY_URL"] = "not a url",
                ["Claude__MaxTokens"] = "0",
                ["ChatApi__RequestsPerMinute"] = "-1",
            });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Gateway:Url (or MCP_GATEWAY_URL)", output, StringComparison.Ordinal);
        Assert.Contains("Claude:MaxTokens must be a positive number", output, StringComparison.Ordinal);
        Assert.Contains("ChatApi:RequestsPerMinute must be at least 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_probe_succeeds_against_a_running_chat_and_fails_against_nothing()
    {
        await using var chat = await ChatService.StartAsync(new Uri("http://127.0.0.1:9/mcp"), claude: null);

        var (up, upOutput) = await RunAsync(["probe", new Uri(chat.BaseAddress, "/healthz").ToString()], new Dictionary<string, string?>());
        Assert.True(up == 0, upOutput);

        var (down, downOutput) = await RunAsync(["probe", "http://127.0.0.1:9/healthz"], new Dictionary<string, string?>());
        Assert.Equal(1, down);
        Assert.Contains("http://127.0.0.1:9/healthz", downOutput, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(RepoPaths.ChatDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ANTHROPIC_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The chat did not exit within 60 s: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
