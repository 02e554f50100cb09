using McpBridge.HealthProbe;

namespace McpBridge.Deployment.Tests;

/// <summary>Where the probe looks when the HEALTHCHECK gives no URL: the gateway's own listen address, from inside.</summary>
public sealed class HealthProbeTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:8000/healthz")]
    [InlineData("", "http://127.0.0.1:8000/healthz")]
    [InlineData("http://0.0.0.0:8000", "http://127.0.0.1:8000/healthz")]
    [InlineData("http://+:9000/", "http://127.0.0.1:9000/healthz")]
    [InlineData("http://*:8080;https://0.0.0.0:8443", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://[::]:8000", "http://127.0.0.1:8000/healthz")]
    [InlineData("http://gateway.internal:8000", "http://gateway.internal:8000/healthz")]
    public void Default_target_is_healthz_on_the_first_listen_address(string? urls, string expected) =>
        Assert.Equal(expected, ProbeTarget.FromListenUrls(urls));

    [Fact]
    public async Task A_bad_url_is_a_usage_error_not_unhealthy()
    {
        var error = new StringWriter();

        var code = await HealthProbe.HealthProbe.RunAsync(["not a url"], null, TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.Contains("not an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }
}
