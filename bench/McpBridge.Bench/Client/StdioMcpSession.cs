using System.Diagnostics;
using System.Text;

namespace McpBridge.Bench.Client;

/// <summary>
/// Direct stdio: the session starts its own server process and speaks newline-delimited JSON-RPC to it,
/// the baseline that every gateway adds its cost to.
/// </summary>
internal sealed class StdioMcpSession(string command, IReadOnlyList<string> args, string clientName) : IMcpSession
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private Process? _process;
    private long _nextId;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new McpBenchException($"could not start {command}");
        _process.StandardInput.NewLine = "\n";
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginErrorReadLine();

        var id = ++_nextId;
        await WriteAsync(JsonRpcMessages.Initialize(id, clientName), cancellationToken);
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (LooksLikeJson(line) && ReplyCheck.Initialize(Utf8.GetBytes(line), id) is not null)
            {
                break;
            }
        }

        await WriteAsync(JsonRpcMessages.Initialized, cancellationToken);
    }

    public async Task<CallOutcome> CallEchoAsync(string uid, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        try
        {
            await WriteAsync(JsonRpcMessages.CallEcho(id, uid), cancellationToken);
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken);
                if (LooksLikeJson(line) && ReplyCheck.Echo(Utf8.GetBytes(line), id, uid) is { } outcome)
                {
                    return outcome;
                }
            }
        }
        catch (McpBenchException e)
        {
            return CallOutcome.Error(e.Message);
        }
        catch (IOException e)
        {
            return CallOutcome.Error($"stdio: {e.Message}");
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(2));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // It did not leave on end of input: below it is killed, with anything it started.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(CancellationToken.None);
        _process?.Dispose();
        _process = null;
    }

    private static bool LooksLikeJson(string line) => line.AsSpan().TrimStart().StartsWith("{");

    private async Task WriteAsync(string json, CancellationToken cancellationToken)
    {
        var input = _process!.StandardInput;
        await input.WriteLineAsync(json.AsMemory(), cancellationToken);
        await input.FlushAsync(cancellationToken);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken) =>
        await _process!.StandardOutput.ReadLineAsync(cancellationToken)
        ?? throw new McpBenchException($"the server closed its stdout (exit code {(_process.HasExited ? _process.ExitCode : -1)})");
}
