using ModelContextProtocol.AspNetCore;

namespace McpBridge.TestServer.Hosting;

/// <summary>
/// The verification mode: the same server over the SDK's Streamable HTTP on a loopback
/// address, so the conformance suite can check the contract without the gateway.
/// </summary>
internal static class HttpHost
{
    /// <summary>Serves at <paramref name="url"/> (its path is the MCP endpoint; <c>/mcp</c> when empty) until stopped.</summary>
    public static async Task RunAsync(TestServerOptions options, Uri url, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(HttpHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.LogToStandardError();
        builder.WebHost.UseUrls($"{url.Scheme}://{url.Authority}");

        builder.Services
            .AddMcpServer(TestServerInfo.Configure)
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients)
            .WithTestServerPrimitives(options);

        await using var app = builder.Build();
        app.UseMiddleware<LoopbackOnlyMiddleware>();
        app.MapMcp(url.AbsolutePath is "" or "/" ? "/mcp" : url.AbsolutePath);
        await app.RunAsync(cancellationToken);
    }
}
