using System.Text.RegularExpressions;
using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>
/// Every compose file passes Debian's <c>docker-compose config</c> (no Docker engine needed) with no variable left
/// undefined, and the resolved files have the shape Defang's sample has: chat on 3000 (ingress), gateway on 8000.
/// </summary>
public sealed partial class ComposeTests
{
    /// <summary>Each root compose file alone (compose.yaml) or as an override of it, and each sample's override.</summary>
    public static TheoryData<string[]> ComposeSets()
    {
        var sets = new TheoryData<string[]> { new[] { "compose.yaml" } };
        foreach (var file in Repo.RootComposeFiles.Where(file => file != "compose.yaml"))
        {
            sets.Add(["compose.yaml", file]);
        }

        foreach (var sample in Repo.SampleFolders)
        {
            sets.Add(["compose.yaml", $"samples/{sample}/compose.yaml"]);
        }

        return sets;
    }

    [Theory]
    [MemberData(nameof(ComposeSets))]
    public void Compose_file_is_valid_with_no_variable_undefined(string[] files)
    {
        var result = Config(files, new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, $"docker-compose {string.Join(' ', files.SelectMany(f => new[] { "-f", f }))} config failed:\n{result.Output}");
        Assert.DoesNotMatch(NotSet(), result.Stderr);
        var services = Yaml.Load(result.Stdout).Map("services");
        Assert.Contains("chat", services.Keys);
        Assert.Contains("gateway", services.Keys);
    }

    [Fact]
    public void Chat_is_the_public_service_on_3000_with_the_gateway_url_memory_reservation_and_healthcheck()
    {
        var chat = Resolved().Map("services", "chat");

        var port = Assert.Single(chat.List("ports"));
        Assert.Equal("3000", port.Text("target"));
        Assert.Equal("3000", port.Text("published"));
        Assert.Equal("ingress", port.Text("mode"));
        Assert.Equal("256M", chat.Text("deploy", "resources", "reservations", "memory"));
        Assert.Equal("http://gateway:8000/mcp", chat.Text("environment", "MCP_GATEWAY_URL"));
        Assert.Equal("http://0.0.0.0:3000", chat.Text("environment", "ASPNETCORE_URLS"));
        Assert.NotNull(chat.At("healthcheck", "test"));
        Assert.Equal(Repo.Root, chat.Text("build", "context"));
        Assert.Equal("chat-frontend/Dockerfile", chat.Text("build", "dockerfile"));
    }

    [Fact]
    public void Gateway_is_private_on_8000_allows_its_service_name_and_probes_itself()
    {
        var gateway = Resolved().Map("services", "gateway");

        var port = Assert.Single(gateway.List("ports"));
        Assert.Equal("8000", port.Text("target"));
        Assert.Equal("host", port.Text("mode"));
        Assert.Equal("gateway", gateway.Text("environment", "Edge__AllowedHosts__0"));
        Assert.Equal("gateway/Dockerfile", gateway.Text("build", "dockerfile"));
        Assert.Equal(Repo.Root, gateway.Text("build", "context"));
        Assert.Equal(["CMD", "/opt/mcpbridge/start", "--healthcheck", "http://127.0.0.1:8000/healthz"], gateway.List("healthcheck", "test").Cast<string>());
    }

    [Fact]
    public void The_Claude_key_goes_to_the_chat_only()
    {
        var services = Resolved(new() { ["ANTHROPIC_API_KEY"] = "sk-test-key" }).Map("services");

        Assert.Equal("sk-test-key", services.Text("chat", "environment", "ANTHROPIC_API_KEY"));
        foreach (var (name, service) in services.Where(pair => pair.Key != "chat"))
        {
            Assert.DoesNotContain("sk-test-key", Serialize(service));
            Assert.Null(service.At("environment", "ANTHROPIC_API_KEY"));
        }
    }

    [Fact]
    public void MCP_IMAGE_swaps_the_server_image_and_defaults_to_mcp_time()
    {
        Assert.Equal("mcp/time", Resolved().Text("services", "gateway", "build", "args", "MCP_IMAGE"));

        var swapped = Resolved(new() { ["MCP_IMAGE"] = "mcp/fetch", ["MCP_COMMAND"] = "mcp-server-fetch --ignore-robots-txt" });
        Assert.Equal("mcp/fetch", swapped.Text("services", "gateway", "build", "args", "MCP_IMAGE"));
        Assert.Equal("mcp-server-fetch --ignore-robots-txt", swapped.Text("services", "gateway", "build", "args", "MCP_COMMAND"));
    }

    [Fact]
    public void Service_environments_hold_no_variable_references()
    {
        // On Defang a ${NAME} in `environment` names a `defang config` value, and a missing one cancels the deployment.
        foreach (var file in Repo.RootComposeFiles.Select(f => Repo.Path(f)).Concat(Repo.SampleFolders.Select(s => Repo.Path("samples", s, "compose.yaml"))))
        {
            foreach (var (name, service) in Yaml.Load(File.ReadAllText(file)).Map("services"))
            {
                var environment = service.At("environment");
                Assert.True(environment is null || !Serialize(environment).Contains('$', StringComparison.Ordinal),
                    $"{file}: service {name} has a ${{...}} in its environment: {Serialize(environment)}");
            }
        }
    }

    [Fact]
    public void Telemetry_profile_adds_a_collector_and_the_override_wires_the_standard_OTEL_variables()
    {
        var plain = Yaml.Load(Repo.Read("compose.yaml")).Map("services");
        Assert.Equal(["telemetry"], plain.List("telemetry", "profiles").Cast<string>());
        Assert.Null(plain.At("gateway", "environment", "OTEL_EXPORTER_OTLP_ENDPOINT"));

        var wired = Resolved(files: ["compose.yaml", "compose.telemetry.yaml"]).Map("services");
        foreach (var service in new[] { "chat", "gateway" })
        {
            Assert.Equal("http://telemetry:4318", wired.Text(service, "environment", "OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.StartsWith("mcpbridge-", wired.Text(service, "environment", "OTEL_SERVICE_NAME"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_variable_the_compose_files_read_is_documented_with_its_default()
    {
        var doc = Repo.Read("docs", "deploy-compose.md");
        var files = Repo.RootComposeFiles.Select(f => Repo.Read(f))
            .Concat(Repo.SampleFolders.Select(s => Repo.Read("samples", s, "compose.yaml")));
        foreach (Match reference in files.SelectMany(text => Reference().Matches(text)))
        {
            var name = reference.Groups["name"].Value;
            var fallback = reference.Groups["default"].Value;
            var row = doc.Split('\n').FirstOrDefault(line => line.StartsWith($"| `{name}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/deploy-compose.md has no table row for {name}.");
            Assert.True(fallback.Length == 0 || row.Contains($"`{fallback}`", StringComparison.Ordinal),
                $"docs/deploy-compose.md's row for {name} does not give its default `{fallback}`: {row}");
        }
    }

    internal static ToolResult Config(string[] files, Dictionary<string, string> environment) =>
        Tool.Run(Tool.DockerCompose, [.. files.SelectMany(file => new[] { "-f", file }), "config"], environment: environment);

    private static Dictionary<string, object?> Resolved(Dictionary<string, string>? environment = null, string[]? files = null)
    {
        var result = Config(files ?? ["compose.yaml"], environment ?? []);
        Assert.True(result.ExitCode == 0, result.Output);
        return Yaml.Load(result.Stdout);
    }

    private static string Serialize(object? node) => node switch
    {
        Dictionary<string, object?> map => string.Join(",", map.Select(pair => $"{pair.Key}={Serialize(pair.Value)}")),
        List<object?> list => string.Join(",", list.Select(Serialize)),
        _ => node?.ToString() ?? "",
    };

    [GeneratedRegex("variable is not set", RegexOptions.IgnoreCase)]
    private static partial Regex NotSet();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex Reference();
}
