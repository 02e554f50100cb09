using McpBridge.Router.Configuration;

namespace McpBridge.Router.Tests.Unit;

/// <summary>Start-up validation reports every problem at once, each naming its key and the fix.</summary>
public sealed class RouterOptionsValidatorTests
{
    private readonly RouterOptionsValidator _validator = new();

    [Fact]
    public void ConfiguredReplicas_AreValid() =>
        Assert.True(_validator.Validate(null, new RouterOptions { Replicas = ["http://127.0.0.1:8001", "http://gateway-1:8000/"] }).Succeeded);

    [Fact]
    public void DnsName_IsValid() =>
        Assert.True(_validator.Validate(null, new RouterOptions { Dns = new DnsDiscoveryOptions { Name = "mcpbridge-gateway-replicas" } }).Succeeded);

    [Fact]
    public void EveryProblem_IsReported()
    {
        var result = _validator.Validate(null, new RouterOptions
        {
            Replicas = ["http://ok:1", "127.0.0.1:8001", "http://host:1/mcp"],
            Dns = new DnsDiscoveryOptions { Name = "gateway", Port = 0, Scheme = "ftp" },
            PollTimeout = TimeSpan.Zero,
            ActivityTimeout = TimeSpan.FromSeconds(-1),
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("both set", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Replicas:1 '127.0.0.1:8001'", StringComparison.Ordinal) && f.Contains("http://HOST:PORT", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Replicas:2", StringComparison.Ordinal) && f.Contains("without a path", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Dns:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Dns:Scheme", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:PollTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:ActivityTimeout", StringComparison.Ordinal));
        Assert.Equal(7, failures.Count);
    }
}
