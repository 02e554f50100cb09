using McpBridge.Bench.Processes;

namespace McpBridge.Bench.Systems;

/// <summary>A started HTTP system: its process (stopped by PID on dispose) and its MCP endpoint.</summary>
internal sealed class RunningSystem(SystemSpec spec, LaunchedProcess process, int port) : IAsyncDisposable
{
    public SystemSpec Spec => spec;

    public LaunchedProcess Process => process;

    public int Pid => process.Pid;

    public Uri Endpoint { get; } = new($"{SystemCatalog.Url(port)}/mcp");

    public string CommandLine => spec.CommandLine(port);

    /// <summary>
    /// Starts <paramref name="spec"/> on a free loopback port and waits until it listens; throws
    /// <see cref="SystemStartException"/> with the reason (its last log lines) when it exits or stays silent.
    /// Refuses, and stops, a system that listens beyond loopback.
    /// </summary>
    public static async Task<RunningSystem> StartAsync(SystemSpec spec, string logPath, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var port = Loopback.FreePort();
        var process = LaunchedProcess.Start(spec.Command, spec.Args(port), logPath);
        try
        {
            if (!await process.WaitListeningAsync(port, startTimeout, cancellationToken))
            {
                var why = process.HasExited ? "exited at start" : $"did not listen within {startTimeout.TotalSeconds:0} s";
                throw new SystemStartException($"{spec.Name} {why}: {process.LogTail()}");
            }

            if (Loopback.NonLoopbackListeners(port) is { Count: > 0 } foreign)
            {
                throw new SystemStartException($"{spec.Name} listens on {string.Join(", ", foreign)}, beyond loopback; refusing to load it.");
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new RunningSystem(spec, process, port);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
