using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using TimeServer.Tools;

namespace TimeServer;

/// <summary>Builds and runs the stdio MCP server.</summary>
internal static class TimeServerHost
{
    /// <summary>The server name <c>mcp-server-time</c> reports (<c>Server("mcp-time")</c>).</summary>
    public const string ServerName = "mcp-time";

    /// <summary>
    /// The server version <c>mcp-server-time</c> reports. It passes no version, so the python SDK
    /// reports its own package version: <c>mcp</c> 1.28.1 in the lock file of mcp-server-time 0.6.2.
    /// </summary>
    public const string ServerVersion = "1.28.1";

    /// <summary>Serves MCP over stdin/stdout until stdin closes or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<int> RunAsync(TimeServerOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();

        // stdout carries the protocol: every log line goes to stderr, and the host prints no banner.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        // The python server logs nothing per request; keep the SDK's per-request lines out of the gateway's stderr tail.
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Warning);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services
            .AddMcpServer(server => server.ServerInfo = new Implementation { Name = ServerName, Version = ServerVersion })
            .WithStdioServerTransport()
            .WithTimeTools();

        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TimeServerHost).FullName!);
        TimeServerLog.Serving(logger, options.LocalTimeZone);
        await host.RunAsync(cancellationToken);
        return 0;
    }
}
