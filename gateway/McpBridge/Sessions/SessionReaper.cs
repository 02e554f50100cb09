using McpBridge.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace McpBridge.Sessions;

/// <summary>
/// Ends sessions that have sent nothing for <see cref="BridgeOptions.SessionIdleTimeout"/>, open GET streams
/// or not: most clients never send DELETE, so this is what frees most children.
/// </summary>
internal sealed class SessionReaper(SessionRegistry registry, IOptions<BridgeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = options.Value.SessionIdleTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(idle.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(period, registry.TimeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            ReapOnce(idle);
        }
    }

    /// <summary>Ends every session idle for longer than <paramref name="idle"/>.</summary>
    public void ReapOnce(TimeSpan idle)
    {
        foreach (var session in registry.Sessions)
        {
            if (!session.IsBusy && registry.TimeProvider.GetElapsedTime(session.LastActivity) > idle)
            {
                _ = session.EndAsync($"idle for more than {idle}");
            }
        }
    }
}
