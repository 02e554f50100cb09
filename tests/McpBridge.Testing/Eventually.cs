namespace McpBridge.Testing;

/// <summary>
/// Waits for a condition on another process that raises no event the test can subscribe to (a pid ending, a replica's
/// load): checks it on a short period, bounded by a timeout that fails the test with what was awaited.
/// </summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; after <paramref name="timeoutSeconds"/>, fails with <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutSeconds);

    /// <summary>As <see cref="TrueAsync(Func{bool}, string, int)"/>, for a condition that asks the process something.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        if (!await WithinAsync(condition, TimeSpan.FromSeconds(timeoutSeconds)))
        {
            throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}.");
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
