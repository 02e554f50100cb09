using System.Buffers;
using System.ComponentModel;
using System.IO.Pipelines;
using CliWrap;
using McpBridge.Configuration;
using Microsoft.Extensions.Logging;

namespace McpBridge.Children;

/// <summary>
/// One stdio MCP server process: lines in on stdin, lines out of stdout, stderr to the log and a tail.
/// Started and supervised with CliWrap; stopped by closing stdin, then SIGTERM, then killing its tree.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    /// <summary>The log category of the children's stderr lines, so that they can be filtered apart from the gateway's own.</summary>
    public const string StderrCategory = "McpBridge.Children.ChildStderr";

    private readonly string _server;
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _stderrLogger;
    private readonly StderrTail _stderr = new();
    private readonly TaskCompletionSource<Stream> _stdin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closeStdin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly Task<ChildExit> _exited;
    private volatile bool _stopping;

    private ChildProcess(string server, ServerOptions options, Func<ReadOnlySequence<byte>, ValueTask> onLine, ILogger logger, ILogger stderrLogger)
    {
        _server = server;
        _options = options;
        _logger = logger;
        _stderrLogger = stderrLogger;

        var command = Cli.Wrap(options.Command)
            .WithArguments(options.Args)
            .WithEnvironmentVariables(ChildEnvironment.For(options))
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Create(HoldStdinOpenAsync))
            .WithStandardOutputPipe(PipeTarget.Create((stdout, ct) => ReadLinesAsync(stdout, onLine, ct)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnStderrLine));
        if (!string.IsNullOrEmpty(options.Cwd))
        {
            command = command.WithWorkingDirectory(options.Cwd);
        }

        try
        {
            var task = command.ExecuteAsync(_forceful.Token, _graceful.Token);
            Pid = task.ProcessId;
            _exited = ObserveExitAsync(task);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw new ChildStartException(
                $"Could not start the MCP server '{server}' ('{options.Command}'): {ex.Message.TrimEnd('.')}. " +
                $"Check Servers:{server}:Command and that the program is on PATH.", ex);
        }
    }

    /// <summary>The operating system's id of the process.</summary>
    public int Pid { get; }

    /// <summary>Completes when the process has ended (never faults).</summary>
    public Task<ChildExit> Exited => _exited;

    /// <summary>The last stderr lines, for error messages.</summary>
    public string StderrTail => _stderr.ToString();

    /// <summary>The session the child serves, for its log lines; empty for a spare or a pool child.</summary>
    public string SessionId { get; set; } = "";

    /// <summary>
    /// Starts <paramref name="options"/>' command; each complete stdout line goes to <paramref name="onLine"/>, one at a
    /// time, in order. Stderr lines are logged to <paramref name="stderrLogger"/> (category <see cref="StderrCategory"/>).
    /// </summary>
    public static ChildProcess Start(string server, ServerOptions options, Func<ReadOnlySequence<byte>, ValueTask> onLine, ILogger logger, ILogger stderrLogger)
    {
        var child = new ChildProcess(server, options, onLine, logger, stderrLogger);
        LogStarted(logger, server, child.Pid, options.Command);
        return child;
    }

    /// <summary>
    /// Writes one line (a JSON-RPC message and its newline) to the child's stdin, in one asynchronous write: a pipe
    /// buffers nothing, and a write must never block the thread, which may be the one that reads the child's stdout.
    /// </summary>
    public async ValueTask WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        System.Diagnostics.Debug.Assert(line.Span[^1] == (byte)'\n', "A line ends with its newline.");
        var stdin = await _stdin.Task.WaitAsync(cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await stdin.WriteAsync(line, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw new IOException($"The MCP server '{_server}' (pid {Pid}) no longer reads its stdin.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Stops the child the way MCP's stdio transport asks: close stdin and wait, then SIGTERM and wait,
    /// then kill the whole process tree.
    /// </summary>
    public async Task<ChildExit> StopAsync()
    {
        _stopping = true;
        _closeStdin.TrySetResult();
        if (await WaitExitAsync(_options.ShutdownTimeout))
        {
            return await _exited;
        }

        // MCP's stdio shutdown asks for SIGTERM next; CliWrap's graceful signal (SIGINT) is the fallback.
        if (!Signals.TryTerminate(Pid))
        {
            await _graceful.CancelAsync();
        }

        if (await WaitExitAsync(_options.ShutdownTimeout))
        {
            return await _exited;
        }

        LogKilled(_logger, _server, Pid);
        await _forceful.CancelAsync();
        return await _exited;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _graceful.Dispose();
        _forceful.Dispose();
        _writeLock.Dispose();
    }

    private async Task<bool> WaitExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task HoldStdinOpenAsync(Stream stdin, CancellationToken cancellationToken)
    {
        _stdin.TrySetResult(stdin);
        await _closeStdin.Task.WaitAsync(cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        _writeLock.Release();
    }

    private static async Task ReadLinesAsync(Stream stdout, Func<ReadOnlySequence<byte>, ValueTask> onLine, CancellationToken cancellationToken)
    {
        // Small segments: an idle child holds one while its read waits, and a long line simply spans several.
        var reader = PipeReader.Create(stdout, new StreamPipeReaderOptions(bufferSize: 4096));
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                if (!line.IsEmpty)
                {
                    await onLine(line);
                }

                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }

            if (read.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    await onLine(buffer);
                }

                await reader.CompleteAsync();
                return;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private void OnStderrLine(string line)
    {
        _stderr.Add(line);
        LogStderr(_stderrLogger, _server, SessionId, Pid, line);
    }

    private async Task<ChildExit> ObserveExitAsync(CommandTask<CommandResult> task)
    {
        int? exitCode = null;
        try
        {
            exitCode = (await task).ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Stopped by the signal or kill of StopAsync.
        }
        catch (Exception ex)
        {
            LogObserveFailed(_logger, _server, Pid, ex);
        }

        var exit = new ChildExit(exitCode, _stderr.ToString(), _stopping);
        _stdin.TrySetException(new IOException($"The MCP server '{_server}' (pid {Pid}) has exited."));
        LogExited(_logger, _server, SessionId, Pid, exitCode, _stopping);
        return exit;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started MCP server {Server} ({Command}) as pid {ChildPid}")]
    private static partial void LogStarted(ILogger logger, string server, int childPid, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Server} {SessionId} pid {ChildPid}] {Line}")]
    private static partial void LogStderr(ILogger logger, string server, string sessionId, int childPid, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP server {Server} (session {SessionId}, pid {ChildPid}) exited with code {ExitCode}; stopped by the gateway: {Stopped}")]
    private static partial void LogExited(ILogger logger, string server, string sessionId, int childPid, int? exitCode, bool stopped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} (pid {ChildPid}) did not stop after stdin closed and SIGTERM; killing its process tree")]
    private static partial void LogKilled(ILogger logger, string server, int childPid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Observing the exit of MCP server {Server} (pid {ChildPid}) failed")]
    private static partial void LogObserveFailed(ILogger logger, string server, int childPid, Exception exception);
}
