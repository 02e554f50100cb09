using System.Text.Json.Nodes;
using McpBridge.Deployment.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpBridge.Deployment.Tests;

/// <summary>samples/catalog.tsv is well formed, its readable copy and the samples agree with it, and the multi-server sample runs.</summary>
public sealed class CatalogTests
{
    private static readonly List<(string Image, string Setting, string Value)> Entries = [.. Repo.Read("samples", "catalog.tsv").Split('\n')
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('\t'))
        .Select(fields => fields.Length == 3 ? (fields[0], fields[1], fields[2]) : throw new InvalidDataException($"catalog.tsv: not IMAGE<TAB>SETTING<TAB>VALUE: {string.Join("<TAB>", fields)}"))];

    [Fact]
    public void Every_image_has_a_command_and_only_settings_of_its_own_server()
    {
        foreach (var image in Entries.Select(e => e.Image).Distinct())
        {
            var name = image.Split('/')[^1];
            var lines = Entries.Where(e => e.Image == image).ToList();
            Assert.Contains(lines, e => e.Setting == $"Servers__{name}__Command" && e.Value.Length > 0);
            Assert.All(lines, e => Assert.Matches($"^Servers__{name}__(Command|Args__[0-9]+|Env__[A-Za-z_][A-Za-z0-9_]*)$", e.Setting));
        }
    }

    [Fact]
    public void The_readable_catalog_lists_every_image_with_its_command_line()
    {
        var table = Repo.Read("samples", "catalog.md").Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToList();

        foreach (var image in Entries.Select(e => e.Image).Distinct())
        {
            var lines = Entries.Where(e => e.Image == image).ToList();
            var name = image.Split('/')[^1];
            var command = string.Join(' ', [lines.Single(e => e.Setting.EndsWith("__Command", StringComparison.Ordinal)).Value,
                .. lines.Where(e => e.Setting.Contains("__Args__", StringComparison.Ordinal)).OrderBy(e => int.Parse(e.Setting.Split("__")[^1], System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Value)]);
            var row = table.SingleOrDefault(line => line.StartsWith($"| `{image}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"samples/catalog.md has no row for {image}.");
            Assert.Contains($"`{command}`", row, StringComparison.Ordinal);
            Assert.Contains($"`{name}`", row, StringComparison.Ordinal);
        }

        Assert.Equal(Entries.Select(e => e.Image).Distinct().Count(), table.Count);
    }

    [Fact]
    public void The_five_mcp_images_have_a_sample_each_whose_image_is_in_the_catalog()
    {
        foreach (var name in new[] { "time", "fetch", "filesystem", "memory", "everything" })
        {
            var compose = Yaml.Load(Repo.Read("samples", $"mcp-{name}", "compose.yaml"));
            Assert.Equal($"mcp/{name}", compose.Text("services", "gateway", "build", "args", "MCP_IMAGE"));
            Assert.Contains(Entries, e => e.Image == $"mcp/{name}");
            Assert.True(File.Exists(Repo.Path("samples", $"mcp-{name}", "README.md")), $"samples/mcp-{name}/README.md is missing.");
        }
    }

    [Fact]
    public void The_multi_server_sample_bakes_its_mcpServers_file_on_a_musl_image()
    {
        var compose = Yaml.Load(Repo.Read("samples", "mcp-multi", "compose.yaml"));

        Assert.Equal("samples/mcp-multi/mcp.json", compose.Text("services", "gateway", "build", "args", "MCP_CONFIG"));
        Assert.EndsWith("-alpine", compose.Text("services", "gateway", "build", "args", "MCP_IMAGE")!, StringComparison.Ordinal);
        var servers = JsonNode.Parse(Repo.Read("samples", "mcp-multi", "mcp.json"))!["mcpServers"]!.AsObject();
        Assert.True(servers.Count >= 3, "The multi-server sample should serve several servers.");
    }

    [Fact]
    public async Task The_multi_server_mcpServers_file_serves_each_server_through_the_gateway()
    {
        // The sample's own file, with its container paths (/data, /projects) moved to a temporary folder and npx kept
        // offline: the packages come from tests/npm, where `npm install` put the same versions.
        var dir = Directory.CreateTempSubdirectory("mcpbridge-multi-").FullName;
        try
        {
            var json = Repo.Read("samples", "mcp-multi", "mcp.json").Replace("\"/data/", $"\"{dir}/", StringComparison.Ordinal).Replace("\"/projects\"", $"\"{dir}\"", StringComparison.Ordinal);
            var file = JsonNode.Parse(json)!;
            foreach (var (_, server) in file["mcpServers"]!.AsObject())
            {
                server!["cwd"] = Repo.Path("tests", "npm");
                var env = server["env"] as JsonObject ?? [];
                env["npm_config_offline"] = "true";
                server["env"] = env;
            }

            var config = Path.Combine(dir, "mcp.json");
            File.WriteAllText(config, file.ToJsonString());
            _ = Repo.NpmPackage("@modelcontextprotocol/server-filesystem");

            await using var gateway = await RunningGateway.StartAsync("dotnet", [Repo.GatewayDll, "--urls", "http://127.0.0.1:0", "--config", config],
                new Dictionary<string, string?>(), Repo.Path("tests", "npm"));
            var ready = await gateway.GetAsync("/readyz");
            Assert.True(ready.Status == 200, $"{ready.Body}\n{gateway.Output}");

            foreach (var (name, _) in file["mcpServers"]!.AsObject())
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new() { Endpoint = new Uri(gateway.BaseAddress, $"/servers/{name}/mcp") }));
                await using (client)
                {
                    Assert.NotEmpty(await client.ListToolsAsync());
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
