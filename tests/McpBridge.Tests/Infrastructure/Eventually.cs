namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// Waits for a condition on another process that raises no event the test can subscribe to (a pid ending):
/// checks it on a short period, bounded by a timeout that fails the test with what was awaited.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting for {what}.");
            }
        }
    }

    /// <summary>As <see cref="TrueAsync(Func{bool}, string, int)"/>, for a condition that asks the process something.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!await condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting for {what}.");
            }
        }
    }
}
