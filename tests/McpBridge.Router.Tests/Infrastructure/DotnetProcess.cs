using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>
/// A .NET program of this repo as a real process on loopback: started with <c>--urls http://127.0.0.1:0</c>, ready once
/// it prints its address. Stopping it sends SIGTERM; disposing it also kills, by pid, whatever it left behind.
/// </summary>
internal sealed class DotnetProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Regex _banner;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<int> _descendantsSeen = [];

    private DotnetProcess(string dll, IEnumerable<string> arguments, Regex banner)
    {
        _banner = banner;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Exited = _process.WaitForExitAsync();
        _ = Exited.ContinueWith(_ => _listening.TrySetException(
            new InvalidOperationException($"{Path.GetFileName(dll)} exited with code {_process.ExitCode} before listening:\n{Output}")), TaskScheduler.Default);
    }

    /// <summary>The base address it listens on, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public int Pid => _process.Id;

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything it printed, for assertion messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <c>dotnet DLL --urls http://127.0.0.1:0 ARGS</c> and waits until <paramref name="banner"/> gives its address.</summary>
    public static async Task<DotnetProcess> StartAsync(string dll, IEnumerable<string> arguments, Regex banner)
    {
        var process = new DotnetProcess(dll, arguments, banner);
        try
        {
            process.BaseAddress = await process._listening.Task.WaitAsync(StartTimeout);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The pids of its living descendants (the gateway's children); remembered, to be cleaned up after a kill.</summary>
    public IReadOnlyList<int> Descendants()
    {
        var now = ProcessTree.Descendants(_process.Id);
        lock (_descendantsSeen)
        {
            _descendantsSeen.UnionWith(now);
        }

        return now;
    }

    /// <summary>Sends SIGTERM (a graceful stop; a gateway drains).</summary>
    public void Terminate()
    {
        Descendants();
        ProcessTree.Terminate(_process.Id);
    }

    /// <summary>Kills the process alone with SIGKILL, as a crash or a lost machine would: its children are left to notice.</summary>
    public void Crash()
    {
        Descendants();
        ProcessTree.ForceKill(_process.Id);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                ProcessTree.ForceKill(_process.Id);
            }
        }

        int[] leftovers;
        lock (_descendantsSeen)
        {
            leftovers = [.. _descendantsSeen];
        }

        // Children of a crashed gateway end when their stdin closes; wait a little, then kill what remains by pid.
        if (!await Eventually.WithinAsync(() => Task.FromResult(!leftovers.Any(ProcessTree.IsAlive)), TimeSpan.FromSeconds(15)))
        {
            Array.ForEach([.. leftovers.Where(ProcessTree.IsAlive)], ProcessTree.ForceKill);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (_banner.Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["base"].Value + "/"));
        }
    }
}
