using McpBridge.Deployment.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpBridge.Deployment.Tests;

/// <summary>gateway/docker/publish.sh, as the Dockerfile runs it, into a temporary /opt/mcpbridge layout.</summary>
public sealed class PublishedLayout : IDisposable
{
    public PublishedLayout()
    {
        Dir = Directory.CreateTempSubdirectory("mcpbridge-publish-").FullName;
        Opt = Path.Combine(Dir, "opt", "mcpbridge");
        try
        {
            Publish = Tool.Run("sh", ["gateway/docker/publish.sh", Opt, "amd64"], clean: false, timeout: TimeSpan.FromMinutes(20));
        }
        catch (TimeoutException ex)
        {
            // Reported by every test of the class; the temporary folder is still removed by Dispose.
            Publish = new ToolResult(-1, "", ex.Message);
        }
        if (Publish.ExitCode == 0)
        {
            // The rest of the image's /opt/mcpbridge, as the Dockerfile copies it.
            File.Copy(Repo.Path("gateway", "docker", "start.sh"), Path.Combine(Opt, "start"));
            File.SetUnixFileMode(Path.Combine(Opt, "start"), (UnixFileMode)0b111_101_101);
            File.Copy(Repo.Path("samples", "catalog.tsv"), Path.Combine(Opt, "catalog.tsv"));
        }
    }

    public string Dir { get; }

    public string Opt { get; }

    public ToolResult Publish { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>
/// The self-contained builds for glibc and musl: both publish, each is linked for its C library, and the glibc one
/// (this machine's) starts through the start script, serves a real stdio server and answers its own health probe.
/// </summary>
[Collection(PublishTestGroup.Name)]
public sealed class PublishTests(PublishedLayout layout) : IClassFixture<PublishedLayout>
{
    [Fact]
    public void Publish_succeeds_for_linux_x64_and_linux_musl_x64()
    {
        Assert.True(layout.Publish.ExitCode == 0, $"gateway/docker/publish.sh failed:\n{layout.Publish.Output}");
        foreach (var libc in new[] { "glibc", "musl" })
        {
            Assert.True(File.Exists(Path.Combine(layout.Opt, libc, "McpBridge.Gateway")), $"{libc}/McpBridge.Gateway is missing.");
            Assert.True(File.Exists(Path.Combine(layout.Opt, libc, "McpBridge.Gateway.dll")), $"{libc}/McpBridge.Gateway.dll is missing.");
            Assert.True(File.Exists(Path.Combine(layout.Opt, libc, "probe", "McpBridge.HealthProbe")), $"{libc}/probe/McpBridge.HealthProbe is missing.");
            Assert.False(File.Exists(Path.Combine(layout.Opt, libc, "McpBridge.Gateway.pdb")), "Symbols should not be in the image.");
        }
    }

    [Theory]
    [InlineData("glibc", "/lib64/ld-linux-x86-64.so.2")]
    [InlineData("musl", "/lib/ld-musl-x86_64.so.1")]
    public void Each_build_is_linked_for_its_C_library(string libc, string loader)
    {
        Assert.True(layout.Publish.ExitCode == 0, layout.Publish.Output);

        Assert.Equal(loader, Elf.Interpreter(Path.Combine(layout.Opt, libc, "McpBridge.Gateway")));
        Assert.Equal(loader, Elf.Interpreter(Path.Combine(layout.Opt, libc, "probe", "McpBridge.HealthProbe")));
    }

    /// <summary>
    /// Trimming rewrites every assembly as IL only; ReadyToRun puts the precompiled code back, so that the gateway does
    /// not JIT-compile the framework, Kestrel and the SDK at every start of a container.
    /// </summary>
    [Theory]
    [InlineData("glibc")]
    [InlineData("musl")]
    public void Each_build_is_precompiled_ReadyToRun_the_framework_included(string libc)
    {
        Assert.True(layout.Publish.ExitCode == 0, layout.Publish.Output);

        string[] assemblies = ["McpBridge.Gateway.dll", "McpBridge.dll", "ModelContextProtocol.Core.dll", "CliWrap.dll",
            "System.Private.CoreLib.dll", "Microsoft.AspNetCore.Server.Kestrel.Core.dll"];
        var interpreted = assemblies.Where(name => !ReadyToRun.IsPrecompiled(Path.Combine(layout.Opt, libc, name))).ToList();
        Assert.True(interpreted.Count == 0, $"Not ReadyToRun in {libc}/: {string.Join(", ", interpreted)}");
    }

    [Fact]
    public async Task Glibc_build_starts_through_the_start_script_serves_the_catalog_server_and_answers_health()
    {
        Assert.True(layout.Publish.ExitCode == 0, layout.Publish.Output);
        var memoryFile = Path.Combine(layout.Dir, "memory.jsonl");
        var server = Path.Combine(Repo.NpmPackage("@modelcontextprotocol/server-memory"), "dist", "index.js");
        var start = Path.Combine(layout.Opt, "start");

        // As in the container: MCP_IMAGE picks the catalog's lines (Command=node), settings of ours point at the local copy.
        await using (var gateway = await RunningGateway.StartAsync(start, [], new Dictionary<string, string?>
        {
            ["MCP_IMAGE"] = "mcp/memory",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Servers__memory__Args__0"] = server,
            ["Servers__memory__Env__MEMORY_FILE_PATH"] = memoryFile,
        }))
        {
            Assert.Equal(200, (await gateway.GetAsync("/healthz")).Status);
            var ready = await gateway.GetAsync("/readyz");
            Assert.True(ready.Status == 200, $"{ready.Body}\n{gateway.Output}");
            Assert.Contains("memory", ready.Body, StringComparison.Ordinal);

            var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(gateway.BaseAddress, "/mcp") }));
            await using (client)
            {
                var tools = await client.ListToolsAsync();
                Assert.Contains(tools, tool => tool.Name == "create_entities");
            }

            var healthy = Tool.Run(start, ["--healthcheck", new Uri(gateway.BaseAddress, "/healthz").ToString()]);
            Assert.True(healthy.ExitCode == 0, healthy.Output);
            var defaultUrl = Tool.Run(start, ["--healthcheck"], environment: new Dictionary<string, string> { ["ASPNETCORE_URLS"] = gateway.BaseAddress.ToString() });
            Assert.True(defaultUrl.ExitCode == 0, defaultUrl.Output);
        }

        var stopped = Tool.Run(start, ["--healthcheck", "http://127.0.0.1:9/healthz"]);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("no answer", stopped.Stderr, StringComparison.Ordinal);
    }
}
