using System.Net;
using McpBridge.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace McpBridge.Bench.ProxyFloor;

/// <summary>
/// The proxy floor: the least an ASP.NET Core proxy built on YARP does per request, to hold the router against. Every
/// request goes to one destination through YARP's forwarder with its default transformer, over HTTP/1.1 keep-alive,
/// with the router's I/O settings (inline socket completions and request scheduling); no placement, affinity,
/// failover, health or telemetry. What the router costs beyond this is the price of its own logic.
/// </summary>
internal static class ProxyFloorServer
{
    public static async Task<int> RunAsync(string urls, string to, CancellationToken cancellationToken)
    {
        if (!IsLoopback(urls) || !IsLoopback(to))
        {
            await Console.Error.WriteLineAsync($"proxy-floor: --urls {urls} and --to {to} must both be loopback URLs, such as http://127.0.0.1:PORT.");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        // The router's own switch, so that the floor's I/O is the router's whatever that becomes.
        builder.UseInlineIoUnlessDisabled("ProxyFloor:InlineIo");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        var app = builder.Build();

        using var destination = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        });
        var config = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var prefix = to.TrimEnd('/');
        app.Map("/{**path}", async context => await forwarder.SendAsync(context, prefix, destination, config, HttpTransformer.Default));
        await app.RunAsync(cancellationToken);
        return 0;
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.IsLoopback;
}
