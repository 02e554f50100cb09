using System.Globalization;
using McpBridge.Configuration;
using McpBridge.Forwarding;
using McpBridge.Sessions;
using McpBridge.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace McpBridge;

/// <summary>Registers the bridge: configured servers, sessions, children and the MCP SDK's HTTP front end.</summary>
public static class BridgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bridge. Servers bind from <c>Servers:NAME</c>, session limits from <c>Bridge</c>; both are
    /// validated at start-up, every problem reported at once.
    /// </summary>
    public static IServiceCollection AddMcpBridge(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound once at start, with no change tracking: a configuration reload changes the servers through the gateway's
        // reloader (which validates first and keeps the running set when the new one is invalid); an options monitor
        // would instead revalidate on the reload's thread and end the process on the first invalid file.
        services.AddOptions<BridgeOptions>()
            .Configure(options => configuration.GetSection(BridgeOptions.SectionName).Bind(options))
            .Configure(options => configuration.GetSection("Servers").Bind(options.Servers))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<BridgeMetrics>();

        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<PausedCalls>();
        services.AddSingleton<ServerCatalog>();
        services.AddHostedService(provider => provider.GetRequiredService<ServerCatalog>());
        services.AddSingleton<SessionReaper>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionReaper>());
        services.AddSingleton<SessionBinder>();
        services.AddSingleton(provider => new DirectRelay(provider.GetRequiredService<IOptions<BridgeOptions>>().Value.SessionIdleTimeout / 2));
        services.Configure<HostOptions>(host =>
        {
            // The drain runs inside the host's shutdown: give it its full time, and the children time to stop after it.
            // Read raw, not through IOptions<BridgeOptions>, so that invalid settings are still reported by validation.
            var drain = TimeSpan.TryParse(configuration[$"{BridgeOptions.SectionName}:{nameof(BridgeOptions.DrainTimeout)}"],
                CultureInfo.InvariantCulture, out var configured) ? configured : new BridgeOptions().DrainTimeout;
            var needed = drain + TimeSpan.FromSeconds(10);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        services.AddMcpServer().WithHttpTransport();
        services.AddOptions<HttpServerTransportOptions>().Configure<SessionBinder, IOptions<BridgeOptions>>((http, binder, bridge) =>
        {
            // Initialize-era clients get sessions (each with its own child); 2026-07-28 clients are served statelessly.
            http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
            http.ConfigureSessionOptions = binder.ConfigureSessionAsync;
            http.RunSessionHandler = SessionBinder.RunSessionAsync;
#pragma warning disable MCP9006 // The SDK's idle pruning is obsolete; it only frees the SDK's half of a session the bridge already ended.
            // The SDK counts idleness from the requests it sees; DirectRelay lets one through at least every half
            // idle timeout, and a call relayed past it may run for a whole request timeout after that.
            http.IdleTimeout = bridge.Value.SessionIdleTimeout + MaxRequestTimeout(bridge.Value);
            http.MaxIdleSessionCount = bridge.Value.MaxSessions;
#pragma warning restore MCP9006
        });
        return services;
    }

    private static TimeSpan MaxRequestTimeout(BridgeOptions bridge) =>
        bridge.Servers.Values.Select(server => server.RequestTimeout).DefaultIfEmpty(TimeSpan.Zero).Max();
}
