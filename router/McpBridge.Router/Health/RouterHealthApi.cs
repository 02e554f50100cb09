using System.Text.Json;
using McpBridge.Router.Replicas;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpBridge.Router.Health;

/// <summary>
/// The router's own endpoints, never forwarded: <c>/healthz</c> (the process is alive), <c>/readyz</c> (some replica
/// takes new sessions) and <c>/status</c> (every replica as the router sees it).
/// </summary>
internal static class RouterHealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddRouterHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ReplicasReadyCheck>("replicas", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapRouterHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReadinessAsync });
        endpoints.MapGet("/status", (ReplicaDirectory directory, IReplicaSource source) => TypedResults.Json(
            new RouterStatus(source.Description, [.. directory.All.Select(replica => new ReplicaView(
                replica.Address.AbsoluteUri, replica.Name, replica.IsReachable, replica.IsReady, replica.IsDraining, replica.IsRetired,
                replica.TakesNewWork, replica.Sessions))]),
            RouterJson.Default.RouterStatus));
        return endpoints;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(string.Join(' ', report.Entries.Values.Select(entry => entry.Description)));
    }
}
