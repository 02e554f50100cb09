using System.Net.Http.Json;
using System.Text.Json;
using McpBridge.Router.Configuration;
using Microsoft.Extensions.Options;

namespace McpBridge.Router.Replicas;

/// <summary>
/// Keeps the <see cref="ReplicaDirectory"/> current: on every <see cref="RouterOptions.PollInterval"/> it asks
/// discovery for the replicas, then reads each one's <c>/readyz</c> (may it take new sessions) and <c>/status</c>
/// (its name and load).
/// </summary>
internal sealed partial class ReplicaMonitor(
    IReplicaSource source,
    ReplicaDirectory directory,
    IHttpClientFactory httpClients,
    IOptions<RouterOptions> options,
    ILogger<ReplicaMonitor> logger) : BackgroundService
{
    public const string HttpClientName = "replica-monitor";

    private readonly RouterOptions _options = options.Value;
    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every replica has been polled once, so that the first requests find them.</summary>
    public Task FirstRound => _firstRound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        do
        {
            await PollAllAsync(stoppingToken);
            _firstRound.TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: discovery, then every replica polled at once.</summary>
    public async Task PollAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var replica in directory.Sync(await source.DiscoverAsync(cancellationToken)))
            {
                LogDiscovered(logger, replica.Id);
            }
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
        {
            // Keep the replicas known so far: a DNS hiccup must not cut every session.
            LogDiscoveryFailed(logger, source.Description, ex.Message);
        }

        await Task.WhenAll(directory.All.Select(replica => PollAsync(replica, cancellationToken)));
        foreach (var replica in directory.RemoveGone())
        {
            LogRemoved(logger, replica.Id, replica.Name);
        }
    }

    private async Task PollAsync(Replica replica, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PollTimeout);
        var status = ReadStatusAsync(http, replica, timeout.Token);
        var ready = ReadReadyAsync(http, replica, timeout.Token);
        await Task.WhenAll(status, ready);

        var wasReady = replica.TakesNewWork;
        var previousName = replica.Name;
        if (await status is null && await ready is null)
        {
            if (replica.IsReachable)
            {
                LogUnreachable(logger, replica.Id, replica.Name);
            }

            replica.MarkUnreachable();
            return;
        }

        replica.Report(await status, await ready == true);
        if (replica.Name != previousName)
        {
            LogNamed(logger, replica.Id, replica.Name);
        }

        if (replica.TakesNewWork != wasReady)
        {
            LogReadiness(logger, replica.Id, replica.Name, replica.TakesNewWork, replica.IsDraining);
        }
    }

    private static async Task<ReplicaStatus?> ReadStatusAsync(HttpClient http, Replica replica, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync(new Uri(replica.Address, "/status"), RouterJson.Default.ReplicaStatus, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>True for 200, false for another answer (503 while starting or draining), null when there is no answer.</summary>
    private static async Task<bool?> ReadReadyAsync(HttpClient http, Replica replica, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(replica.Address, "/readyz"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} discovered")]
    private static partial void LogDiscovered(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} is named {ReplicaName}")]
    private static partial void LogNamed(ILogger logger, string replica, string? replicaName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} ({ReplicaName}) takes new sessions: {TakesNewWork} (draining: {Draining})")]
    private static partial void LogReadiness(ILogger logger, string replica, string? replicaName, bool takesNewWork, bool draining);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica {Replica} ({ReplicaName}) does not answer")]
    private static partial void LogUnreachable(ILogger logger, string replica, string? replicaName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} ({ReplicaName}) left discovery and no longer answers: removed")]
    private static partial void LogRemoved(ILogger logger, string replica, string? replicaName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery of {Source} failed, keeping the replicas known so far: {Reason}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string source, string reason);
}
