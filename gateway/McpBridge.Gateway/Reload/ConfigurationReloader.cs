using McpBridge.Configuration;
using McpBridge.Gateway.CommandLine;
using McpBridge.Sessions;
using Microsoft.Extensions.Primitives;

namespace McpBridge.Gateway.Reload;

/// <summary>
/// Applies a changed configuration to the running gateway: servers added, removed or changed start, stop or restart
/// (<see cref="ServerCatalog.ApplyAsync"/>); sessions of unchanged servers are untouched. A configuration with problems
/// is refused, every problem logged, and the running one stays. Other settings take effect at the next start.
/// </summary>
internal sealed partial class ConfigurationReloader(IConfiguration configuration, ServerCatalog catalog, ILogger<ConfigurationReloader> logger)
    : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _applying = new(1, 1);
    private Dictionary<string, string> _applied = new(StringComparer.OrdinalIgnoreCase);
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _applied = Fingerprints();
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => _ = ApplyAsync("a configuration source changed"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _applying.Dispose();
    }

    /// <summary>Reads every configuration source again; the change then applies as any other.</summary>
    public void ReloadAll(string why)
    {
        LogReloading(logger, why);
        ((IConfigurationRoot)configuration).Reload();
    }

    /// <summary>Applies the servers of the configuration as it is now, if they differ from those running.</summary>
    public async Task ApplyAsync(string why)
    {
        await _applying.WaitAsync();
        try
        {
            var problems = Problems(out var next);
            if (problems.Count > 0)
            {
                LogRefused(logger, why, string.Join(Environment.NewLine + "  - ", problems.Prepend("")));
                return;
            }

            var fingerprints = Fingerprints();
            var changed = fingerprints.Keys.Where(name => _applied.TryGetValue(name, out var before) && before != fingerprints[name]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var added = fingerprints.Keys.Where(name => !_applied.ContainsKey(name)).ToList();
            var removed = _applied.Keys.Where(name => !fingerprints.ContainsKey(name)).ToList();
            if (changed.Count + added.Count + removed.Count == 0)
            {
                LogUnchanged(logger, why);
                return;
            }

            await catalog.ApplyAsync(next.Servers, changed);
            _applied = fingerprints;
            // Once per reload: not worth an IsEnabled check.
#pragma warning disable CA1873
            LogApplied(logger, why, List(added), List(removed), List(changed));
#pragma warning restore CA1873
        }
        catch (Exception ex)
        {
            // A reload must never take the running gateway down.
            LogFailed(logger, why, ex);
        }
        finally
        {
            _applying.Release();
        }
    }

    private List<string> Problems(out BridgeOptions next)
    {
        next = new BridgeOptions();
        List<string> problems = [];
        foreach (var file in ((IConfigurationRoot)configuration).Providers.OfType<McpServersFileProvider>())
        {
            if (file.LoadError is { } error)
            {
                problems.Add(error);
            }
        }

        try
        {
            configuration.GetSection(BridgeOptions.SectionName).Bind(next);
            configuration.GetSection("Servers").Bind(next.Servers);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
            return problems;
        }

        if (new BridgeOptionsValidator().Validate(null, next) is { Failed: true } invalid)
        {
            problems.AddRange(invalid.Failures);
        }

        return problems;
    }

    /// <summary>Each server's settings as one string, to tell which ones changed.</summary>
    private Dictionary<string, string> Fingerprints() =>
        configuration.GetSection("Servers").GetChildren().ToDictionary(
            server => server.Key,
            server => string.Join('\n', server.AsEnumerable(makePathsRelative: true).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")),
            StringComparer.OrdinalIgnoreCase);

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the configuration again ({Why})")]
    private static partial void LogReloading(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration reloaded ({Why}): servers added: {Added}; removed: {Removed}; changed: {Changed}")]
    private static partial void LogApplied(ILogger logger, string why, string added, string removed, string changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration reloaded ({Why}): no server changed")]
    private static partial void LogUnchanged(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "The new configuration ({Why}) has problems and was not applied; the running servers stay:{Problems}")]
    private static partial void LogRefused(ILogger logger, string why, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying the new configuration ({Why}) failed")]
    private static partial void LogFailed(ILogger logger, string why, Exception exception);
}
