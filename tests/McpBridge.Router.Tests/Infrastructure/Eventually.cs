namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>
/// Waits for a condition on another process that raises no event the test can subscribe to (a pid ending, a replica's
/// load): checks it on a short period, bounded by a timeout that fails the test with what was awaited.
/// </summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutSeconds);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        if (!await WithinAsync(condition, TimeSpan.FromSeconds(timeoutSeconds)))
        {
            Assert.Fail($"Timed out after {timeoutSeconds} s waiting for {what}.");
        }
    }

    /// <summary>Whether <paramref name="condition"/> became true within <paramref name="timeout"/>.</summary>
    public static async Task<bool> WithinAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
