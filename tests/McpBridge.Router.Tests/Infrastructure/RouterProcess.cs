using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>The router as a real process in front of the given replicas.</summary>
internal sealed partial class RouterProcess : IAsyncDisposable
{
    private readonly DotnetProcess _process;

    private RouterProcess(DotnetProcess process) => _process = process;

    public Uri BaseAddress => _process.BaseAddress;

    /// <summary>The single-server MCP endpoint, through the router.</summary>
    public Uri McpUrl => new(BaseAddress, "/mcp");

    public DotnetProcess Process => _process;

    /// <summary>Starts the router with <c>Router:Replicas</c> set to <paramref name="replicas"/>, polling them often.</summary>
    public static Task<RouterProcess> StartAsync(IEnumerable<Uri> replicas, params string[] options) =>
        StartFromAsync(RepoPaths.RouterDll, replicas, options);

    /// <summary>As <see cref="StartAsync"/>, from the build of the router at <paramref name="dll"/> (a copy of its own).</summary>
    public static async Task<RouterProcess> StartFromAsync(string dll, IEnumerable<Uri> replicas, params string[] options)
    {
        var arguments = replicas.Select((replica, i) => $"--Router:Replicas:{i}={replica}")
            .Append("--Router:PollInterval=00:00:00.250")
            .Concat(options);
        return new RouterProcess(await DotnetProcess.StartAsync(dll, arguments, Banner()));
    }

    /// <summary>The router's <c>GET /status</c>: the replicas as it sees them.</summary>
    public async Task<JsonArray> ReplicasAsync()
    {
        using var http = new HttpClient();
        var status = await http.GetFromJsonAsync<JsonObject>(new Uri(BaseAddress, "/status"), TestContext.Timeout);
        return status!["replicas"]!.AsArray();
    }

    /// <summary>Waits until the router knows <paramref name="count"/> replicas by name that take new sessions.</summary>
    public Task WaitForReadyReplicasAsync(int count) =>
        Eventually.TrueAsync(
            async () => (await ReplicasAsync()).Count(replica => (bool)replica!["takesNewWork"]! && replica["name"] is not null) == count,
            $"the router to see {count} ready replica(s)", timeoutSeconds: 60);

    /// <summary>Sends one request through, so that the first test step does not pay for the router's start (JIT, first connections).</summary>
    public async Task WarmUpAsync()
    {
        using var http = new HttpClient();
        using var response = await http.SendAsync(RawMcp.Post(McpUrl, RawMcp.Request(1, "ping")), TestContext.Timeout);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"^McpBridge router: MCP endpoint (?<base>http://[^/\s]+)/mcp")]
    private static partial Regex Banner();
}
