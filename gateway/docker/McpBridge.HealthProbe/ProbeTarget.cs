namespace McpBridge.HealthProbe;

/// <summary>Where the gateway in the same container answers: its own listen address, seen from inside.</summary>
internal static class ProbeTarget
{
    public const string Default = "http://127.0.0.1:8000/healthz";

    /// <summary>
    /// <c>http://0.0.0.0:8000;http://[::]:8001</c> becomes <c>http://127.0.0.1:8000/healthz</c>: the first address, with a
    /// wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>) replaced by loopback.
    /// </summary>
    public static string FromListenUrls(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first))
        {
            return Default;
        }

        var schemeEnd = first.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return Default;
        }

        var scheme = first[..schemeEnd];
        var rest = first[(schemeEnd + 3)..].TrimEnd('/');
        var portStart = rest.LastIndexOf(':');
        var host = portStart > 0 && !rest.EndsWith(']') ? rest[..portStart] : rest;
        var port = portStart > 0 && !rest.EndsWith(']') ? rest[portStart..] : "";
        if (host is "0.0.0.0" or "[::]" or "*" or "+" or "")
        {
            host = "127.0.0.1";
        }

        return $"{scheme}://{host}{port}/healthz";
    }
}
