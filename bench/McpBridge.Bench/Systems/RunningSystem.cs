using System.Diagnostics;
using McpBridge.Bench.Processes;

namespace McpBridge.Bench.Systems;

/// <summary>
/// A started HTTP system: its process and, for a system with a backend, the backend's (each stopped by its PID on
/// dispose, the front first), and its MCP endpoint.
/// </summary>
internal sealed class RunningSystem(SystemSpec spec, LaunchedProcess process, int port, LaunchedProcess? backend, int backendPort) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPollTimeout = TimeSpan.FromSeconds(2);

    public SystemSpec Spec => spec;

    public LaunchedProcess Process => process;

    /// <summary>The process the client talks to: the gateway, a peer, or the router in front of its replica.</summary>
    public int Pid => process.Pid;

    /// <summary>The backend's PID (the gateway replica behind the router); null for a system of one process.</summary>
    public int? BackendPid => backend?.Pid;

    /// <summary>Where sessions start: <c>/mcp</c>, or <c>/sse</c> for a <see cref="SystemSpec.LegacySse"/> system.</summary>
    public Uri Endpoint { get; } = new($"{SystemCatalog.Url(port)}{(spec.LegacySse ? "/sse" : "/mcp")}");

    public string CommandLine => spec.CommandLine(port, backendPort);

    /// <summary>
    /// Starts <paramref name="spec"/> on a free loopback port (its backend first, on another) and waits until each
    /// listens and, where it has a <see cref="SystemSpec.ReadyPath"/>, answers it with 200; throws
    /// <see cref="SystemStartException"/> with the reason (its last log lines) when one exits or stays silent.
    /// Refuses, and stops, a system that listens beyond loopback.
    /// </summary>
    public static async Task<RunningSystem> StartAsync(SystemSpec spec, string logPath, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        LaunchedProcess? backend = null;
        try
        {
            var backendPort = 0;
            if (spec.Backend is { } backendSpec)
            {
                backendPort = Loopback.FreePort();
                var backendLog = Path.ChangeExtension(logPath, $".{backendSpec.Name}.log");
                backend = await LaunchAsync(backendSpec, backendPort, 0, backendLog, startTimeout, cancellationToken);
            }

            var port = Loopback.FreePort();
            var process = await LaunchAsync(spec, port, backendPort, logPath, startTimeout, cancellationToken);
            return new RunningSystem(spec, process, port, backend, backendPort);
        }
        catch
        {
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (backend is not null)
        {
            await backend.DisposeAsync();
        }
    }

    private static async Task<LaunchedProcess> LaunchAsync(SystemSpec spec, int port, int backendPort, string logPath, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var process = LaunchedProcess.Start(spec.Command, spec.ArgsFor(port, backendPort), logPath);
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

            if (spec.ReadyPath is { } path && !await WaitReadyAsync(process, new Uri($"{SystemCatalog.Url(port)}{path}"), startTimeout - clock.Elapsed, cancellationToken))
            {
                var why = process.HasExited ? "exited before it was ready" : $"did not answer {path} with 200 within {startTimeout.TotalSeconds:0} s";
                throw new SystemStartException($"{spec.Name} {why}: {process.LogTail()}");
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    // Polled, bounded: the router answers 503 until its first poll has found the replica ready.
    private static async Task<bool> WaitReadyAsync(LaunchedProcess process, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = ReadyPollTimeout };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // one poll timed out; try again within the bound
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }
}
