using McpBridge.TestServer.Faults;

namespace McpBridge.TestServer.Hosting;

/// <summary>Runs the server the options describe: waits, fails at start, or serves over stdio or HTTP.</summary>
internal static class TestServerRunner
{
    /// <summary>Serves until stdin closes (stdio) or the process is told to stop; returns the exit code.</summary>
    public static async Task<int> RunAsync(TestServerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            if (options.StartupDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.StartupDelay, cancellationToken);
            }

            if (options.Fault == FaultMode.ExitAtStart)
            {
                return ExitAtStart.Run();
            }

            if (options.HttpUrl is { } url)
            {
                await HttpHost.RunAsync(options, url, cancellationToken);
            }
            else
            {
                await StdioHost.RunAsync(options, cancellationToken);
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }
}
