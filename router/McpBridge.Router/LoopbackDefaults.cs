namespace McpBridge.Router;

/// <summary>Secure by default: unless told where to listen (<c>--urls</c>, or a container's <c>ASPNETCORE_HTTP_PORTS</c>), loopback only.</summary>
internal static class LoopbackDefaults
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplicationBuilder UseLoopbackUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]) &&
            string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }
}
