using McpBridge.Deployment.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Deployment.Tests;

/// <summary>
/// The Native AOT build (<c>make publish</c>): it publishes without a trim or AOT warning into one native executable,
/// which serves the repository's test server as the JIT gateway does and stops its children on SIGTERM.
/// </summary>
[Collection(PublishTestGroup.Name)]
public sealed class NativeAotTests(NativeAotBuild build) : IClassFixture<NativeAotBuild>
{
    [NativeAotFact]
    public void Publish_succeeds_without_warnings_into_one_native_executable()
    {
        Assert.True(build.Publish.ExitCode == 0, $"make publish failed:\n{build.Publish.Output}");
        Assert.DoesNotMatch(@"\b(warning|error) IL[23]\d{3}\b", build.Publish.Output);

        Assert.Equal(["McpBridge.Gateway"], Directory.GetFiles(build.Dir).Select(Path.GetFileName));
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", Elf.Interpreter(build.Executable));
    }

    [NativeAotFact]
    public async Task Native_gateway_serves_the_test_server_and_leaves_no_child_after_SIGTERM()
    {
        Assert.True(build.Publish.ExitCode == 0, $"make publish failed:\n{build.Publish.Output}");
        var gateway = await RunningGateway.StartAsync(build.Executable, ["--urls", "http://127.0.0.1:0", "--", "dotnet", RepoPaths.TestServerDll],
            new Dictionary<string, string?>());
        await using (gateway)
        {
            await Eventually.TrueAsync(async () => (await gateway.GetAsync("/readyz")).Status == 200, $"/readyz to answer 200:\n{gateway.Output}", timeoutSeconds: 90);

            // 2025-11-25: an initialize handshake and a session with its own child (2026-07-28 would be stateless).
            var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(gateway.BaseAddress, "/mcp") }),
                new McpClientOptions { ProtocolVersion = "2025-11-25" });
            await using (client)
            {
                var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["text"] = "native" });
                Assert.NotNull(client.SessionId);
                Assert.True(result.IsError is not true, gateway.Output);
                Assert.Equal("native", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);

                // The readiness probe's child and the session's: SIGTERM with the session still open must stop both.
                var children = ProcessTree.Descendants(gateway.Pid);
                Assert.True(children.Count >= 2, $"Expected the probe's and the session's children, found {children.Count}.\n{gateway.Output}");

                Assert.Equal(0, await gateway.StopAsync());
                await Eventually.TrueAsync(() => !children.Any(ProcessTree.IsAlive), $"the children {string.Join(", ", children)} to end:\n{gateway.Output}");
            }
        }
    }
}
