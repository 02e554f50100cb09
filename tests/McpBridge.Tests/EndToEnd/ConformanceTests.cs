using McpBridge.Tests.Infrastructure;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The official MCP conformance suite (@modelcontextprotocol/conformance, server mode) against the gateway, with the
/// test server that implements the suite's contract as its stdio child. Fails on any failure that is not in the
/// revision's baseline (tests/conformance), and on a baseline entry that starts passing.
/// </summary>
public sealed class ConformanceTests
{
    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task ConformanceSuite_PassesEveryRequiredScenario(string revision)
    {
        await using var gateway = await GatewayProcess.ServeAsync(
            ["--name", "conformance", "--Servers:conformance:WarmSpares=2"], "dotnet", RepoPaths.TestServerDll);

        await RunSuiteAsync(gateway.McpUrl, revision, "single");
    }

    /// <summary>
    /// The aggregated <c>/mcp</c> of the test server (names unprefixed, as the suite calls them) and the time sample
    /// (prefixed): the suite passes there as it does on one server.
    /// </summary>
    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2026-07-28")]
    public async Task ConformanceSuite_OnTheAggregatedEndpoint_PassesAsOnOneServer(string revision)
    {
        var config = await McpServersFile.WriteAsync(("conformance", ["dotnet", RepoPaths.TestServerDll]), ("time", ["dotnet", RepoPaths.TimeServerDll]));
        await using var gateway = await GatewayProcess.StartAsync("--config", config,
            "--Servers:conformance:WarmSpares=2", "--Servers:conformance:Tools:Prefix=", "--Servers:time:Policy=Shared");

        await RunSuiteAsync(gateway.McpUrl, revision, "aggregated");
    }

    private static async Task RunSuiteAsync(Uri url, string revision, string run)
    {
        var npm = Path.Combine(RepoPaths.Root, "tests", "npm");
        var arguments = new List<string>
        {
            "--import", Path.Combine(npm, "conformance-node20.mjs"),
            RepoPaths.NpmPackage("@modelcontextprotocol/conformance", "dist/index.js"),
            "server", "--url", url.ToString(), "--requirements", revision,
            "-o", Path.Combine(RepoPaths.Root, "artifacts", "conformance", run, revision),
        };
        var baseline = Path.Combine(RepoPaths.Root, "tests", "conformance", $"baseline-{revision}.yml");
        if (File.Exists(baseline))
        {
            arguments.AddRange(["--expected-failures", baseline]);
        }

        var (exitCode, stdout, stderr) = await NodeScript.RunAsync(arguments, TimeSpan.FromMinutes(10));
        var output = stdout + stderr;
        Assert.True(exitCode != -1, $"The conformance suite ({revision}, {run} endpoint) did not finish within 10 minutes:\n{Tail(output)}");

        Assert.True(exitCode == 0, $"The conformance suite ({revision}, {run} endpoint) failed with exit code {exitCode}:\n{Tail(output)}");
        Assert.Contains("Total:", output);
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
