namespace McpBridge.HealthProbe;

/// <summary>One GET of a health endpoint, as Docker's HEALTHCHECK and Kubernetes exec probes need: 0 healthy, 1 not.</summary>
internal static class HealthProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, string? aspNetCoreUrls, TextWriter output, TextWriter error)
    {
        if (args.Length > 1 || (args.Length == 1 && args[0] is "-h" or "--help"))
        {
            await error.WriteLineAsync("Usage: mcpbridge-probe [URL]  (default: /healthz on the first address of ASPNETCORE_URLS, else http://127.0.0.1:8000/healthz)");
            return 2;
        }

        var target = args.Length == 1 ? args[0] : ProbeTarget.FromListenUrls(aspNetCoreUrls);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"mcpbridge-probe: '{target}' is not an absolute http(s) URL.");
            return 2;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            await (response.IsSuccessStatusCode ? output : error).WriteLineAsync($"{url} -> {(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{url} -> no answer: {ex.Message}");
            return 1;
        }
    }
}
