using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpBridge.Router.Tests.Infrastructure;

namespace McpBridge.Router.Tests.EndToEnd;

/// <summary>
/// The router reads its settings once at start: its <c>appsettings.json</c> edited while it runs, even into an
/// invalid value, leaves it serving as it was, with a warning that a restart applies the change.
/// </summary>
public sealed class ConfigurationChangeTests : IDisposable
{
    // A copy of the router's build of its own, so that editing its appsettings.json touches no other test.
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"mcpbridge-router-{Guid.NewGuid():N}");

    public ConfigurationChangeTests()
    {
        var build = Path.GetDirectoryName(RepoPaths.RouterDll)!;
        foreach (var file in Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task AnInvalidEditOfAppsettings_LeavesTheRouterServing_WithANoticeThatARestartAppliesIt()
    {
        var settingsPath = Path.Combine(_copy, "appsettings.json");
        // Nothing listens on the discard port: the replica stays unready, which this test does not need.
        await using var router = await RouterProcess.StartFromAsync(Path.Combine(_copy, Path.GetFileName(RepoPaths.RouterDll)), [new Uri("http://127.0.0.1:9/")]);

        // Two edits, each waited for: the second notice comes only from a router that lived through the first.
        foreach (var (edit, interval) in new[] { (1, "-00:00:01"), (2, "00:00:00") })
        {
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))!;
            settings["Router"]!["PollInterval"] = interval;
            await File.WriteAllTextAsync(settingsPath, settings.ToJsonString());
            await Eventually.TrueAsync(() => Regex.Count(router.Process.Output, "restart it to apply the change") >= edit,
                $"the router's notice of edit {edit} of appsettings.json");
        }

        Assert.False(router.Process.HasExited, router.Process.Output);
        Assert.Equal("http://127.0.0.1:9/", (string?)Assert.Single(await router.ReplicasAsync())!["address"]);
    }
}
