using System.Text.RegularExpressions;

namespace McpBridge.Chat.Tests.Infrastructure;

/// <summary>The McpBridge gateway as a real process, serving a real stdio server at <c>/mcp</c> on loopback.</summary>
internal sealed partial class GatewayService : IAsyncDisposable
{
    private readonly string[] _command;
    private ServiceProcess? _process;
    private string? _config;

    private GatewayService(string[] command) => _command = command;

    /// <summary>The MCP endpoint; it stays the same across <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>.</summary>
    public Uri McpUrl { get; private set; } = null!;

    public ServiceProcess Process => _process ?? throw new InvalidOperationException("The gateway is stopped.");

    /// <summary>The gateway serving the time sample (a C# clone of Docker's mcp/time).</summary>
    public static Task<GatewayService> StartTimeAsync() =>
        StartAsync("time", ["dotnet", RepoPaths.TimeServerDll]);

    /// <summary>The gateway serving the repo's test server (tools echo, hang with that fault, test_trigger_tool_change...).</summary>
    public static Task<GatewayService> StartTestServerAsync(string? fault = null) =>
        StartAsync("test", fault is null ? ["dotnet", RepoPaths.TestServerDll] : ["dotnet", RepoPaths.TestServerDll, "--fault", fault]);

    /// <summary>The gateway serving several servers from an mcpServers file: each at its own URL, all of them at <c>/mcp</c>.</summary>
    public static async Task<GatewayService> StartSeveralAsync(params (string Name, string[] Command)[] servers)
    {
        var entries = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, command) in servers)
        {
            entries[name] = new System.Text.Json.Nodes.JsonObject
            {
                ["command"] = command[0],
                ["args"] = new System.Text.Json.Nodes.JsonArray([.. command[1..].Select(arg => (System.Text.Json.Nodes.JsonNode)arg)]),
            };
        }

        var config = Path.Combine(Path.GetTempPath(), $"mcpbridge-chat-servers-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, new System.Text.Json.Nodes.JsonObject { ["mcpServers"] = entries }.ToJsonString());
        var gateway = new GatewayService(["--config", config]) { _config = config };
        await gateway.StartOnAsync("http://127.0.0.1:0");
        return gateway;
    }

    public static async Task<GatewayService> StartAsync(string name, string[] command)
    {
        var gateway = new GatewayService(["--name", name, "--", .. command]);
        await gateway.StartOnAsync("http://127.0.0.1:0");
        return gateway;
    }

    /// <summary>Stops the gateway (SIGTERM), as a crash or a deployment would.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>Starts the gateway again on the same port, so the chat's configured URL reaches it.</summary>
    public Task StartAgainAsync() => StartOnAsync($"http://127.0.0.1:{McpUrl.Port}");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_config is not null)
        {
            File.Delete(_config);
        }
    }

    private async Task StartOnAsync(string urls)
    {
        _process = await ServiceProcess.StartAsync("gateway", RepoPaths.GatewayDll, ["--urls", urls, .. _command], new Dictionary<string, string?>(), Endpoint());
        McpUrl = new Uri(_process.BaseAddress, "/mcp");
    }

    [GeneratedRegex(@"^McpBridge: MCP endpoint (?<base>http://[^/\s]+)/")]
    private static partial Regex Endpoint();
}
