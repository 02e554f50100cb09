namespace McpBridge.Gateway.CommandLine;

/// <summary>
/// <c>mcpbridge --healthcheck [URL]</c>: one GET of the gateway's <c>/healthz</c>, exit 0 when healthy. Container
/// health checks use it, because many <c>mcp/*</c> base images have no curl or wget.
/// </summary>
internal static class HealthProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string? url, string? listenUrls)
    {
        if (!TryTarget(url, listenUrls, out var target))
        {
            await Console.Error.WriteLineAsync($"--healthcheck: '{url ?? listenUrls}' is not an http URL.");
            return 2;
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"--healthcheck: {target}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The URL to probe: the given one, or <c>/healthz</c> on the first listen address, wildcards made loopback.</summary>
    public static bool TryTarget(string? url, string? listenUrls, out Uri target)
    {
        var candidate = url ?? listenUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? LoopbackDefaults.DefaultUrl;
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://*", "://+" })
        {
            candidate = candidate.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            target = null!;
            return false;
        }

        target = url is null || parsed.AbsolutePath == "/" ? new Uri(parsed, "/healthz") : parsed;
        return true;
    }
}
