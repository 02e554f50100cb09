namespace McpBridge.Chat.Hosting;

/// <summary>Secure by default: unless told where to listen, the chat listens on loopback only.</summary>
internal static class LoopbackDefaults
{
    public const string DefaultUrl = "http://127.0.0.1:3000";

    public static WebApplicationBuilder UseLoopbackUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }
}
