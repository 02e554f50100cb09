using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>
/// A gateway started as a real process (the published build through the start script, or the built dll), listening
/// on a free 127.0.0.1 port. Disposing it sends SIGTERM to its pid, then kills its tree if it does not stop.
/// </summary>
internal sealed partial class RunningGateway : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningGateway(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _ = _process.WaitForExitAsync().ContinueWith(_ => _listening.TrySetException(
            new InvalidOperationException($"The gateway exited with code {_process.ExitCode} before listening:\n{Output}")), TaskScheduler.Default);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Pid => _process.Id;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the program with the arguments (which must make it listen on 127.0.0.1:0) and waits until it listens.</summary>
    public static async Task<RunningGateway> StartAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory ?? Repo.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var gateway = new RunningGateway(start);
        try
        {
            gateway.BaseAddress = await gateway._listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        using var response = await client.GetAsync(new Uri(BaseAddress, path));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends SIGTERM to the gateway's pid and waits for it to exit (its tree is killed after 30 s); returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (Endpoint().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["base"].Value));
        }
    }

    [GeneratedRegex(@"^McpBridge: MCP endpoint (?<base>http://127\.0\.0\.1:\d+)/")]
    private static partial Regex Endpoint();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
