using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace McpBridge.Bench.Processes;

/// <summary>
/// A system under test started by the bench: its output goes to a log file, and it is stopped by its PID
/// (SIGTERM, then SIGTERM and SIGKILL to whatever of its own tree survives), never by name.
/// </summary>
internal sealed class LaunchedProcess : IAsyncDisposable
{
    private const long MaxLogBytes = 4 << 20;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private long _logBytes;
    private bool _stopped;

    private LaunchedProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="args"/> (no shell), its output appended to <paramref name="logPath"/>;
    /// each line of its standard output is also given to <paramref name="onOutputLine"/> when there is one (null when the
    /// output has ended).
    /// </summary>
    public static LaunchedProcess Start(string file, IEnumerable<string> args, string logPath, Action<string?>? onOutputLine = null)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = false };
        log.WriteLine($"$ {file} {string.Join(' ', info.ArgumentList)}");
        var process = new Process { StartInfo = info };
        var launched = new LaunchedProcess(process, log);
        process.OutputDataReceived += (_, e) =>
        {
            launched.Append(e.Data);
            onOutputLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) => launched.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return launched;
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>; false if the process exits or time runs out.</summary>
    public async Task<bool> WaitListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                return false;
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return false;
    }

    /// <summary>Waits until the process has exited by itself.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Writes <paramref name="line"/> to the process's standard input.</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    /// <summary>The last lines of the log, for saying why a system did not start.</summary>
    public string LogTail(int lines = 8)
    {
        lock (_logLock)
        {
            _log.Flush();
        }

        var path = ((FileStream)_log.BaseStream).Name;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", all.Skip(1).TakeLast(lines));
    }

    /// <summary>Stops the process and every descendant it started: SIGTERM, up to <paramref name="grace"/> to exit, then the survivors.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        var tree = ProcessTree.Snapshot(Pid).Select(p => p.Stat).ToList();
        if (!_process.HasExited)
        {
            Posix.Signal(Pid, Posix.SigTerm);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
            }
        }

        var survivors = tree.Where(IsSameLiveProcess).ToList();
        if (survivors.Count > 0)
        {
            foreach (var stat in survivors)
            {
                Posix.Signal(stat.Pid, Posix.SigTerm);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            foreach (var stat in survivors.Where(IsSameLiveProcess))
            {
                Posix.Signal(stat.Pid, Posix.SigKill);
            }
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        lock (_logLock)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private static bool IsSameLiveProcess(ProcStat stat) => ProcStat.Read(stat.Pid) is { } now && now.StartTime == stat.StartTime;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (_logBytes > MaxLogBytes || _log.BaseStream is { CanWrite: false })
            {
                return;
            }

            _logBytes += line.Length + 1;
            _log.WriteLine(line);
        }
    }
}
