using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>@modelcontextprotocol/server-memory: each session gets its own child process, configured by the server's env.</summary>
public sealed class MemoryServerTests
{
    [Fact]
    public async Task TwoSessions_GetTheirOwnChildren_WithTheConfiguredEnvironment()
    {
        var store = Path.Combine(Path.GetTempPath(), $"mcpbridge-memory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(store);
        try
        {
            // server-memory keeps its graph in MEMORY_FILE_PATH; the configured env reaches every child.
            await using var gateway = await GatewayProcess.ServeAsync(
                ["--Servers:default:Env:MEMORY_FILE_PATH=" + Path.Combine(store, "memory.jsonl")],
                "node", RepoPaths.MemoryServer);

            await using var first = await Clients.ConnectAsync(gateway.McpUrl);
            await using var second = await Clients.ConnectAsync(gateway.McpUrl);
            var pids = gateway.Children();

            await first.CallToolAsync("create_entities", new Dictionary<string, object?>
            {
                ["entities"] = new[] { new Dictionary<string, object?> { ["name"] = "bridge", ["entityType"] = "project", ["observations"] = new[] { "made in C#" } } },
            }, cancellationToken: TestContext.Timeout);
            var graph = await first.CallToolAsync("read_graph", new Dictionary<string, object?>(), cancellationToken: TestContext.Timeout);

            Assert.True(pids.Count >= 2, $"Expected a child per session, found {pids.Count}.");
            Assert.Contains("made in C#", Assert.IsType<TextContentBlock>(graph.Content[0]).Text);
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }
}
