using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Limits;

/// <summary>The configured limiters, one partition per client: a fixed window per minute and a concurrency limit, each null when off.</summary>
internal sealed class RequestLimits : IDisposable
{
    public RequestLimits(IOptions<LimitsOptions> options)
    {
        var limits = options.Value;
        if (limits.RequestsPerMinute > 0)
        {
            PerMinute = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = limits.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }

        if (limits.ConcurrentRequests > 0)
        {
            Concurrent = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetConcurrencyLimiter(client, _ =>
                new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentRequests, QueueLimit = 0 }));
        }

        Options = limits;
    }

    public LimitsOptions Options { get; }

    /// <summary>Requests per minute and client; null when <see cref="LimitsOptions.RequestsPerMinute"/> is 0.</summary>
    public PartitionedRateLimiter<string>? PerMinute { get; }

    /// <summary>Running requests per client; null when <see cref="LimitsOptions.ConcurrentRequests"/> is 0.</summary>
    public PartitionedRateLimiter<string>? Concurrent { get; }

    public bool IsEnabled => PerMinute is not null || Concurrent is not null;

    public void Dispose()
    {
        PerMinute?.Dispose();
        Concurrent?.Dispose();
    }
}
