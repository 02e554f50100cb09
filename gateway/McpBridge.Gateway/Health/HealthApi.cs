using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpBridge.Gateway.Health;

/// <summary><c>/healthz</c> (the process is alive) and <c>/readyz</c> (every server starts), for orchestrators.</summary>
internal static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ServersReadyCheck>("servers", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => (object?)new Dictionary<string, object?>
                {
                    ["status"] = entry.Value.Status.ToString(),
                    ["description"] = entry.Value.Description,
                    ["servers"] = entry.Value.Data.ToDictionary(pair => pair.Key, pair => (object?)pair.Value.ToString()),
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson.Default.DictionaryStringObject));
    }
}
