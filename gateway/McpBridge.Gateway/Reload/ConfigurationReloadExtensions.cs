using System.Globalization;
using System.Runtime.InteropServices;
using McpBridge.Gateway.CommandLine;

namespace McpBridge.Gateway.Reload;

/// <summary>Configuration that changes while the gateway runs: the <c>--config</c> file followed, <c>SIGHUP</c> to read all again.</summary>
internal static partial class ConfigurationReloadExtensions
{
    private const int SigHup = 1;

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
    /// of ending the process. A process that was started with <c>SIGHUP</c> ignored (<c>nohup</c>) keeps ignoring it, as
    /// .NET respects an inherited ignore and so does the gateway: it says so at start rather than leave a reload unanswered.
    /// </summary>
    public static WebApplication ReloadConfigurationOnSighup(this WebApplication app)
    {
        if (OperatingSystem.IsWindows())
        {
            return app;
        }

        if (SighupIgnored())
        {
            LogSighupIgnored(app.Services.GetRequiredService<ILogger<ConfigurationReloader>>());
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

    /// <summary>Whether this process inherited <c>SIGHUP</c> as ignored (Linux: the <c>SigIgn</c> mask of /proc/self/status).</summary>
    private static bool SighupIgnored()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                var ignored = ulong.Parse(line.AsSpan("SigIgn:".Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (ignored & (1UL << (SigHup - 1))) != 0;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIGHUP is ignored by this process (it was started with SIGHUP ignored, as nohup does), " +
        "so SIGHUP will not read the configuration again; changes to the --config file still apply. " +
        "To reload with SIGHUP, start the gateway without nohup (a service manager, a container, or setsid).")]
    private static partial void LogSighupIgnored(ILogger logger);
}
