using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace McpBridge.ServiceDefaults;

/// <summary>
/// For a service whose settings are read once at start (the router, the chat): when a source that reloads
/// (<c>appsettings.json</c>) changes while it runs, says that only the log levels take the change, and that a restart
/// applies the rest.
/// </summary>
public sealed partial class ConfigurationChangeNotice(IConfiguration configuration, IHostEnvironment environment, ILogger<ConfigurationChangeNotice> logger)
    : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => LogChanged(logger, environment.ApplicationName));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The configuration changed while {Service} runs: log levels follow it, every other setting was read at start, so restart it to apply the change")]
    private static partial void LogChanged(ILogger logger, string service);
}

/// <summary>Registers <see cref="ConfigurationChangeNotice"/>.</summary>
public static class ConfigurationChangeNoticeExtensions
{
    public static IServiceCollection AddConfigurationChangeNotice(this IServiceCollection services) =>
        services.AddHostedService<ConfigurationChangeNotice>();
}
