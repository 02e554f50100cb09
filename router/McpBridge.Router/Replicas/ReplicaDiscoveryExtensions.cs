using McpBridge.Router.Configuration;
using Microsoft.Extensions.Options;

namespace McpBridge.Router.Replicas;

/// <summary>Registers the replica directory, its discovery (configuration or DNS) and the monitor that polls it.</summary>
internal static class ReplicaDiscoveryExtensions
{
    public static IServiceCollection AddReplicaDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RouterOptions>().Bind(configuration.GetSection(RouterOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RouterOptions>, RouterOptionsValidator>();

        services.AddSingleton<IReplicaSource>(provider => provider.GetRequiredService<IOptions<RouterOptions>>().Value is { Dns.IsEnabled: true } options
            ? new DnsReplicaSource(options.Dns)
            : ConfiguredReplicaSource.From(provider.GetRequiredService<IOptions<RouterOptions>>().Value));
        services.AddSingleton<ReplicaDirectory>();
        services.AddSingleton<ReplicaMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<ReplicaMonitor>());

        // Polls go straight to the replicas, never through an HTTP proxy of the environment.
        services.AddHttpClient(ReplicaMonitor.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        return services;
    }
}
