using McpBridge.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>The <c>shared</c> pool and the warm spares of <c>isolated</c>, with server-everything.</summary>
public sealed class PolicyTests
{
    private static readonly string[] Everything = ["node", RepoPaths.EverythingServer, "stdio"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SharedPool_ConcurrentCallsOfManySessions_NeverCross(bool inlineIo)
    {
        // With inline I/O (the default) answers are completed on the I/O threads; without it, on the thread pool.
        await using var gateway = await GatewayProcess.ServeAsync(
            ["--Servers:default:Policy=Shared", "--Servers:default:PoolSize=2", $"--Edge:InlineIo={inlineIo}"], Everything);
        await gateway.EverythingSettledAsync(children: 2);
        const int Sessions = 12;
        const int CallsEach = 10;

        var mismatches = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async session =>
        {
            await using var client = await Clients.ConnectAsync(gateway.McpUrl, session % 2 == 0 ? Revisions.Sessions : Revisions.Stateless);
            var crossed = 0;
            for (var call = 0; call < CallsEach; call++)
            {
                var payload = $"session {session} call {call} {Guid.NewGuid():N}";
                var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = payload }, cancellationToken: TestContext.Timeout);
                crossed += ((TextContentBlock)result.Content[0]).Text == $"Echo: {payload}" ? 0 : 1;
            }

            return crossed;
        }));

        Assert.Equal(0, mismatches.Sum());
        Assert.Equal(2, gateway.Children().Count(ProcessTree.IsNode));
    }

    [Fact]
    public async Task SharedPool_ReplacesAKilledChild_AndSessionsGoOn()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Servers:default:Policy=Shared", "--Servers:default:PoolSize=2"], Everything);
        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        await Eventually.TrueAsync(() => gateway.Children().Count(ProcessTree.IsNode) == 2, "the pool's two children");
        var victim = gateway.Children().First(ProcessTree.IsNode);

        System.Diagnostics.Process.GetProcessById(victim).Kill();
        await Eventually.TrueAsync(
            () => gateway.Children() is var now && !now.Contains(victim) && now.Count(ProcessTree.IsNode) == 2,
            "the killed child to be replaced");

        for (var i = 0; i < 4; i++)
        {
            var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = $"after {i}" }, cancellationToken: TestContext.Timeout);
            Assert.Equal($"Echo: after {i}", ((TextContentBlock)result.Content[0]).Text);
        }

        Assert.Equal(2, gateway.Children().Count(ProcessTree.IsNode));
    }

    [Fact]
    public async Task WarmSpares_ANewSessionTakesASpare_AndItIsReplaced()
    {
        await using var gateway = await GatewayProcess.ServeAsync(["--Servers:default:WarmSpares=2"], Everything);
        // Two spares and the child that serves stateless requests.
        await Eventually.TrueAsync(() => gateway.Children().Count(ProcessTree.IsNode) == 3, "two warm spares and the stateless child");
        var started = gateway.Children().Where(ProcessTree.IsNode).ToHashSet();

        await using var client = await Clients.ConnectAsync(gateway.McpUrl);
        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "warm" }, cancellationToken: TestContext.Timeout);

        Assert.Equal("Echo: warm", ((TextContentBlock)result.Content[0]).Text);
        await Eventually.TrueAsync(() => gateway.Children().Count(ProcessTree.IsNode) == 4, "a replacement spare next to the session's child");
        Assert.Equal(3, gateway.Children().Count(started.Contains));
    }
}
