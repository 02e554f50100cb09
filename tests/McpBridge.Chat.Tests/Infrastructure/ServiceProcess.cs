using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace McpBridge.Chat.Tests.Infrastructure;

/// <summary>
/// A .NET app of this repo as a real process. It counts as started when a line of its output matches the
/// given pattern (whose <c>base</c> group is its address). Disposing it sends SIGTERM, waits for it to exit,
/// and fails if any child it started is still alive.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Regex _ready;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private ServiceProcess(string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, Regex ready)
    {
        Name = name;
        _ready = ready;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the test runner's own Claude or chat settings may leak into the process under test.
        foreach (var key in start.Environment.Keys.Where(IsChatSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet did not start {name}.");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _ = _process.WaitForExitAsync().ContinueWith(_ => _listening.TrySetException(
            new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before listening:\n{Output}")), TaskScheduler.Default);
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    public static async Task<ServiceProcess> StartAsync(
        string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, Regex ready)
    {
        var service = new ServiceProcess(name, dll, arguments, environment, ready);
        try
        {
            service.BaseAddress = await service._listening.Task.WaitAsync(StartTimeout);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the process prints a line containing <paramref name="text"/> (or has printed it already).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_awaited)
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            _awaited.Add((text, seen));
        }

        return seen.Task.WaitAsync(timeout).ContinueWith(
            task => task.IsFaulted ? throw new TimeoutException($"{Name} did not print '{text}' within {timeout}:\n{Output}") : task,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Stops the process with SIGTERM and returns the children that were alive before and still are.</summary>
    public async Task<IReadOnlyList<int>> StopAsync()
    {
        if (_process.HasExited)
        {
            return [];
        }

        var children = ProcessTree.Descendants(_process.Id);
        ProcessTree.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not stop within 30 s of SIGTERM:\n{Output}");
        }

        return [.. children.Where(ProcessTree.IsAlive)];
    }

    public async ValueTask DisposeAsync()
    {
        var leftovers = await StopAsync();
        _process.Dispose();
        Assert.True(leftovers.Count == 0, $"Children left running after {Name} stopped: {string.Join(", ", leftovers)}\n{Output}");
    }

    private static bool IsChatSetting(string key) =>
        key.StartsWith("ANTHROPIC_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MCP_GATEWAY", StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith("Claude__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Gateway__", StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith("ChatApi__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (_ready.Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["base"].Value));
        }

        lock (_awaited)
        {
            foreach (var (text, seen) in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                seen.TrySetResult();
                _awaited.Remove((text, seen));
            }
        }
    }
}
