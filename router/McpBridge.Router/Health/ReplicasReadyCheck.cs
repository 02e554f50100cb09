using McpBridge.Router.Replicas;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpBridge.Router.Health;

/// <summary>Ready when at least one replica takes new sessions (after the first poll of every replica).</summary>
internal sealed class ReplicasReadyCheck(ReplicaDirectory directory, ReplicaMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await monitor.FirstRound.WaitAsync(cancellationToken);
        var replicas = directory.All;
        var ready = replicas.Count(replica => replica.TakesNewWork);
        var description = $"{ready} of {replicas.Count} replica(s) take new sessions.";
        return ready > 0 ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description);
    }
}
