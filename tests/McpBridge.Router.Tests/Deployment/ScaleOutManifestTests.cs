using System.Diagnostics;
using McpBridge.Router.Tests.Infrastructure;

namespace McpBridge.Router.Tests.Deployment;

/// <summary>The scale-out manifests and compose file hang together: names, ports, discovery, drain and disruption budgets.</summary>
public sealed class ScaleOutManifestTests
{
    private static readonly List<Dictionary<string, object?>> Objects =
        [.. Yaml.LoadFile("deploy", "kubernetes", "scale-out", "replicas.yaml"), .. Yaml.LoadFile("deploy", "kubernetes", "scale-out", "router.yaml")];

    [Fact]
    public void Kustomization_ListsBothFiles() =>
        Assert.Equal(["replicas.yaml", "router.yaml"], Yaml.LoadFile("deploy", "kubernetes", "scale-out", "kustomization.yaml").Single().List("resources"));

    [Fact]
    public void Router_ResolvesTheHeadlessService_OfTheStatefulSet_WhichListsPodsThatAreNotReady()
    {
        var headless = Single("Service", "mcpbridge-replicas");
        var replicas = Single("StatefulSet", "mcpbridge-replica");
        var router = Container(Single("Deployment", "mcpbridge-router"));

        Assert.Equal("None", headless.Text("spec", "clusterIP"));
        Assert.Equal("true", headless.Text("spec", "publishNotReadyAddresses"));
        Assert.Equal(headless.Text("metadata", "name"), replicas.Text("spec", "serviceName"));
        Assert.Equal(headless.Text("metadata", "name"), Env(router, "Router__Dns__Name"));
        Assert.Equal(headless.List("spec", "ports").Single().Text("port"), Env(router, "Router__Dns__Port"));
        Assert.Equal("8000", Container(replicas).List("ports").Single().Text("containerPort"));
    }

    [Fact]
    public void EachReplica_IsNamedAfterItsPod_AndDrainsWithinItsGracePeriod()
    {
        var replicas = Single("StatefulSet", "mcpbridge-replica");
        var container = Container(replicas);
        var config = Single("ConfigMap", "mcpbridge-replica");

        var replicaId = container.List("env").Single(e => e.Text("name") == "Bridge__ReplicaId");
        Assert.Equal("metadata.name", replicaId.Text("valueFrom", "fieldRef", "fieldPath"));
        var drain = TimeSpan.Parse(config.Text("data", "Bridge__DrainTimeout")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(drain.TotalSeconds < int.Parse(replicas.Text("spec", "template", "spec", "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("mcpbridge-router", config.Text("data", "Edge__AllowedHosts__0"));
        Assert.Equal("/readyz", container.Text("readinessProbe", "httpGet", "path"));
    }

    [Theory]
    [InlineData("mcpbridge-replica", "StatefulSet", "mcpbridge-replica")]
    [InlineData("mcpbridge-router", "Deployment", "mcpbridge-router")]
    public void DisruptionBudgets_SelectTheirPods(string budget, string kind, string workload)
    {
        var labels = Single(kind, workload).At("spec", "template", "metadata", "labels") as Dictionary<string, object?>;
        var selector = Single("PodDisruptionBudget", budget).At("spec", "selector", "matchLabels") as Dictionary<string, object?>;

        Assert.NotNull(selector);
        Assert.All(selector, pair => Assert.Equal(pair.Value, labels!.GetValueOrDefault(pair.Key)));
    }

    [Fact]
    public void Autoscaler_ScalesTheStatefulSet_OnSessions()
    {
        var hpa = Single("HorizontalPodAutoscaler", "mcpbridge-replica");

        Assert.Equal("StatefulSet", hpa.Text("spec", "scaleTargetRef", "kind"));
        Assert.Equal("mcpbridge-replica", hpa.Text("spec", "scaleTargetRef", "name"));
        Assert.Contains("sessions", hpa.List("spec", "metrics").Single().Text("pods", "metric", "name"));
    }

    [Fact]
    public async Task ComposeFile_IsValid_AndPutsThreeReplicasBehindTheRouter()
    {
        var compose = Yaml.LoadFile("deploy", "compose.replicas.yaml").Single();
        Assert.Equal("3", compose.Text("services", "gateway", "deploy", "replicas"));
        Assert.Contains("Router__Dns__Name=gateway", compose.List("services", "router", "environment"));
        Assert.Null(compose.At("services", "gateway", "ports"));

        // docker-compose (v1) validates the file without an engine; where it is not installed, the shape checks above stand.
        if (!File.Exists("/usr/bin/docker-compose"))
        {
            return;
        }

        var start = new ProcessStartInfo("/usr/bin/docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in new[] { "-f", "deploy/compose.replicas.yaml", "config", "-q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(TestContext.Timeout);
        await process.WaitForExitAsync(TestContext.Timeout);
        Assert.True(process.ExitCode == 0, await errors);
    }

    private static Dictionary<string, object?> Single(string kind, string name) =>
        Objects.Single(o => o.Text("kind") == kind && o.Text("metadata", "name") == name);

    private static object? Container(Dictionary<string, object?> workload) => workload.List("spec", "template", "spec", "containers").Single();

    private static string? Env(object? container, string name) => container.List("env").Single(e => e.Text("name") == name).Text("value");
}
