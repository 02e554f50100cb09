using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>The Kubernetes manifests parse, hang together (selectors, ports, config) and have probes and limits.</summary>
public sealed class KubernetesTests
{
    private static readonly List<Dictionary<string, object?>> Objects = [.. new[] { "gateway.yaml", "chat.yaml" }
        .SelectMany(file => Yaml.LoadAll(Repo.Read("deploy", "kubernetes", file)))
        .Cast<Dictionary<string, object?>>()];

    [Fact]
    public void Kustomization_lists_every_manifest()
    {
        var kustomization = Yaml.Load(Repo.Read("deploy", "kubernetes", "kustomization.yaml"));

        Assert.Equal(["gateway.yaml", "chat.yaml"], kustomization.List("resources").Cast<string>());
        Assert.All(Objects, o => Assert.False(string.IsNullOrEmpty(o.Text("apiVersion")) || string.IsNullOrEmpty(o.Text("kind")) || string.IsNullOrEmpty(o.Text("metadata", "name"))));
    }

    [Fact]
    public void Gateway_probes_healthz_and_readyz_with_resource_limits_as_a_non_root_user()
    {
        var container = Container("mcpbridge-gateway");

        Assert.Equal("/healthz", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", container.Text("startupProbe", "httpGet", "path"));
        Assert.Equal("/readyz", container.Text("readinessProbe", "httpGet", "path"));
        Assert.NotNull(container.Text("resources", "limits", "memory"));
        Assert.NotNull(container.Text("resources", "limits", "cpu"));
        Assert.NotNull(container.Text("resources", "requests", "memory"));
        Assert.Equal("8000", Assert.Single(container.List("ports")).Text("containerPort"));
        var pod = Deployment("mcpbridge-gateway").Map("spec", "template", "spec");
        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        Assert.Equal("1", Deployment("mcpbridge-gateway").Text("spec", "replicas"));
    }

    [Fact]
    public void Gateway_config_map_feeds_its_environment_and_allows_its_service_name()
    {
        var config = Objects.Single(o => o.Text("kind") == "ConfigMap");
        var container = Container("mcpbridge-gateway");

        Assert.Equal(config.Text("metadata", "name"), Assert.Single(container.List("envFrom")).Text("configMapRef", "name"));
        Assert.Equal(Service("mcpbridge-gateway").Text("metadata", "name"), config.Text("data", "Edge__AllowedHosts__0"));
    }

    [Theory]
    [InlineData("mcpbridge-gateway")]
    [InlineData("mcpbridge-chat")]
    public void Service_selects_its_deployment_pods_on_the_named_port(string name)
    {
        var deployment = Deployment(name);
        var service = Service(name);

        var labels = deployment.Map("spec", "template", "metadata", "labels");
        Assert.All(service.Map("spec", "selector"), pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
        Assert.All(deployment.Map("spec", "selector", "matchLabels"), pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
        var target = Assert.Single(service.List("spec", "ports")).Text("targetPort");
        Assert.Contains(Container(name).List("ports"), port => port.Text("name") == target);
    }

    [Fact]
    public void Chat_reaches_the_gateway_service_and_takes_the_key_from_a_secret()
    {
        var env = Container("mcpbridge-chat").List("env").Cast<Dictionary<string, object?>>().ToDictionary(e => e.Text("name")!);

        Assert.Equal("http://mcpbridge-gateway:8000/mcp", env["MCP_GATEWAY_URL"].Text("value"));
        Assert.Null(env["ANTHROPIC_API_KEY"].Text("value"));
        Assert.NotNull(env["ANTHROPIC_API_KEY"].Text("valueFrom", "secretKeyRef", "name"));
        Assert.DoesNotContain(Container("mcpbridge-gateway").At("env") as List<object?> ?? [], e => e.Text("name") == "ANTHROPIC_API_KEY");
    }

    private static Dictionary<string, object?> Deployment(string name) => Objects.Single(o => o.Text("kind") == "Deployment" && o.Text("metadata", "name") == name);

    private static Dictionary<string, object?> Service(string name) => Objects.Single(o => o.Text("kind") == "Service" && o.Text("metadata", "name") == name);

    private static Dictionary<string, object?> Container(string deployment) =>
        (Dictionary<string, object?>)Assert.Single(Deployment(deployment).List("spec", "template", "spec", "containers"))!;
}
