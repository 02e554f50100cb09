using System.Reflection;
using System.Text.Json.Nodes;
using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// Every client a user may point at the gateway, each a real client against the gateway process over loopback: it
/// initializes, lists the tools, calls one with progress, and answers the child's sampling request where it can. The
/// results become the README's client table (<see cref="ClientMatrixFixture"/>).
/// </summary>
public sealed class ClientMatrixTests : IClassFixture<ClientMatrixFixture>
{
    private const string TypeScriptSdk = "@modelcontextprotocol/sdk";

    // The first TypeScript SDK release with StreamableHTTPClientTransport (1.10.0), pinned in tests/npm/package.json.
    private const string OldestStreamableSdk = "mcp-sdk-oldest-streamable";
    private const string Inspector = "@modelcontextprotocol/inspector";
    private const string NotInTheCli = "n/a (the CLI has no handler)";
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(90);

    private readonly ClientMatrixFixture _matrix;

    public ClientMatrixTests(ClientMatrixFixture matrix)
    {
        _matrix = matrix;
        _matrix.Rows = Rows.Count;
    }

    public static TheoryData<string> Rows => new()
    {
        "1 ts-http", "2 ts-sse", "3 ts-oldest-http", "4 csharp-http", "5 csharp-sse", "6 inspector-http", "7 inspector-sse",
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AClient_Initializes_ListsTools_CallsWithProgress_AndAnswersTheChildsQuestion(string row)
    {
        var result = row.Split(' ')[1] switch
        {
            "ts-http" => await TypeScriptAsync("TypeScript SDK", TypeScriptSdk, "http", "/mcp"),
            "ts-sse" => await TypeScriptAsync("TypeScript SDK `SSEClientTransport`", TypeScriptSdk, "sse", "/sse"),
            "ts-oldest-http" => await TypeScriptAsync("TypeScript SDK, oldest with Streamable HTTP", OldestStreamableSdk, "http", "/servers/default/mcp"),
            "csharp-http" => await CSharpAsync(HttpTransportMode.StreamableHttp, "/mcp"),
            "csharp-sse" => await CSharpAsync(HttpTransportMode.Sse, "/servers/default/sse"),
            "inspector-http" => await InspectorAsync("http", "/mcp"),
            "inspector-sse" => await InspectorAsync("sse", "/sse"),
            var unknown => throw new ArgumentOutOfRangeException(nameof(row), unknown, "No such row of the client matrix."),
        };

        _matrix.Record(row, result);
        Assert.True(result.Passed, $"{result.Client} over {result.Transport}: {string.Join(", ", result.Steps)}\n{_matrix.Gateway.Output}");
    }

    private async Task<ClientMatrixResult> TypeScriptAsync(string client, string package, string transport, string path)
    {
        var (exitCode, output, errors) = await NodeScript.RunAsync(
            ["client-matrix.mjs", package, transport, Url(path).ToString()], ClientTimeout);
        Assert.True(exitCode == 0, $"{client} ({package}, {transport}) exited with {exitCode}:\n{errors}\n{output}");
        var seen = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        return new ClientMatrixResult(client, NpmVersion(package), TransportName(transport), path,
        [
            Step((string?)seen["server"] == "mcpbridge-test-server"),
            Step((int?)seen["tools"] > 0),
            Step(seen["progress"]!.AsArray().Select(value => (double?)value).Contains(100)),
            Step(((string?)seen["sampling"])?.Contains("sampled by the matrix client", StringComparison.Ordinal) == true),
        ]);
    }

    private async Task<ClientMatrixResult> CSharpAsync(HttpTransportMode mode, string path)
    {
        var progress = new SessionProgress();
        var options = progress.AddTo(new McpClientOptions());
        options.Handlers.SamplingHandler = (_, _, _) => ValueTask.FromResult(new CreateMessageResult
        {
            Model = "client-matrix", Role = Role.Assistant, Content = [new TextContentBlock { Text = "sampled by the matrix client" }],
        });
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = Url(path), TransportMode = mode }),
            options, cancellationToken: TestContext.Timeout);
        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Timeout);
        await client.CallToolAsync("test_tool_with_progress", progress: SessionProgress.Requested, cancellationToken: TestContext.Timeout);
        var progressed = await progress.ArrivedAsync(values => values.Contains(100));
        var sampled = await client.CallToolAsync("test_sampling", new Dictionary<string, object?> { ["prompt"] = "hello" },
            cancellationToken: TestContext.Timeout);
        var version = typeof(McpClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        return new ClientMatrixResult("C# SDK", version, TransportName(mode == HttpTransportMode.Sse ? "sse" : "http"), path,
        [
            Step(client.ServerInfo?.Name == "mcpbridge-test-server"),
            Step(tools.Count > 0),
            Step(progressed),
            Step(((TextContentBlock)sampled.Content[0]).Text.Contains("sampled by the matrix client", StringComparison.Ordinal)),
        ]);
    }

    /// <summary>The Inspector's CLI: one process per method; it neither asks for progress nor takes sampling.</summary>
    private async Task<ClientMatrixResult> InspectorAsync(string transport, string path)
    {
        var cli = RepoPaths.NpmPackage(Inspector, "cli/build/cli.js");
        var list = await NodeScript.RunAsync([cli, "--cli", Url(path).ToString(), "--transport", transport, "--method", "tools/list"], ClientTimeout);
        var call = await NodeScript.RunAsync(
            [cli, "--cli", Url(path).ToString(), "--transport", transport, "--method", "tools/call", "--tool-name", "test_tool_with_progress"],
            ClientTimeout);
        var listed = list.ExitCode == 0 && JsonNode.Parse(list.Output)?["tools"]?.AsArray().Count > 0;
        var called = call.ExitCode == 0 && JsonNode.Parse(call.Output)?["content"]?[0]?["text"] is not null;
        Assert.True(listed && called, $"The Inspector CLI over {transport}:\n{list.Errors}\n{list.Output}\n{call.Errors}\n{call.Output}");
        return new ClientMatrixResult("MCP Inspector CLI", NpmVersion(Inspector), TransportName(transport), path,
            [Step(listed), Step(listed), called ? "pass (no progress token sent)" : ClientMatrixResult.Fail, NotInTheCli]);
    }

    private Uri Url(string path) => new(_matrix.Gateway.BaseAddress, path);

    private static string Step(bool passed) => passed ? ClientMatrixResult.Pass : ClientMatrixResult.Fail;

    private static string TransportName(string transport) => transport == "sse" ? "HTTP+SSE (2024-11-05)" : "Streamable HTTP";

    private static string NpmVersion(string package) =>
        (string)JsonNode.Parse(File.ReadAllText(RepoPaths.NpmPackage(package, "package.json")))!["version"]!;
}
