using System.Runtime.InteropServices;
using McpBridge.Gateway.CommandLine;

namespace McpBridge.Gateway.Reload;

/// <summary>Configuration that changes while the gateway runs: the <c>--config</c> file followed, <c>SIGHUP</c> to read all again.</summary>
internal static class ConfigurationReloadExtensions
{
    /// <summary>Adds the servers of an <c>mcpServers</c> file, read again whenever it changes; nothing when there is none.</summary>
    public static IConfigurationBuilder AddMcpServersFile(this IConfigurationBuilder configuration, string? path) =>
        path is null ? configuration : configuration.Add(new McpServersFileSource(path));

    /// <summary>Applies server changes of any configuration source to the running catalog (<see cref="ConfigurationReloader"/>).</summary>
    public static IServiceCollection AddConfigurationReload(this IServiceCollection services)
    {
        services.AddSingleton<ConfigurationReloader>();
        services.AddHostedService(provider => provider.GetRequiredService<ConfigurationReloader>());
        return services;
    }

    /// <summary>
    /// <c>SIGHUP</c> reads every configuration source again (appsettings, the <c>--config</c> file), as daemons do, instead
    /// of ending the process.
    /// </summary>
    public static WebApplication ReloadConfigurationOnSighup(this WebApplication app)
    {
        if (OperatingSystem.IsWindows())
        {
            return app;
        }

        var reloader = app.Services.GetRequiredService<ConfigurationReloader>();
        var registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
        {
            signal.Cancel = true;
            reloader.ReloadAll("SIGHUP");
        });
        app.Lifetime.ApplicationStopped.Register(registration.Dispose);
        return app;
    }
}
