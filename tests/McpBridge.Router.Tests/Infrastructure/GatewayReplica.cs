using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>One gateway replica as a real process, named with <c>Bridge:ReplicaId</c>, serving one stdio server.</summary>
internal sealed partial class GatewayReplica : IAsyncDisposable
{
    private readonly DotnetProcess _process;

    private GatewayReplica(string name, DotnetProcess process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>Its <c>Bridge:ReplicaId</c>, the prefix of its session ids.</summary>
    public string Name { get; }

    public Uri BaseAddress => _process.BaseAddress;

    public DotnetProcess Process => _process;

    public static async Task<GatewayReplica> StartAsync(string name, IEnumerable<string> options, IEnumerable<string> command)
    {
        var process = await DotnetProcess.StartAsync(RepoPaths.GatewayDll, [$"--Bridge:ReplicaId={name}", .. options, "--", .. command], Banner());
        return new GatewayReplica(name, process);
    }

    /// <summary>Its own <c>GET /status</c>.</summary>
    public async Task<JsonObject> StatusAsync()
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<JsonObject>(new Uri(BaseAddress, "/status"), TestContext.Timeout))!;
    }

    /// <summary>How many sessions it holds now, by its <c>/status</c>.</summary>
    public async Task<int> SessionCountAsync() => (int)(await StatusAsync())["sessions"]!;

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"^McpBridge: MCP endpoint (?<base>http://[^/\s]+)/")]
    private static partial Regex Banner();
}
