using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using McpBridge.Bench.Load;
using McpBridge.Bench.Processes;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.SdkClient;

/// <summary>What one run of the second client found: why its warm-up failed (null when it did not), and the load.</summary>
internal sealed record SdkClientOutcome(string? WarmupError, LoadMeasurement Load);

/// <summary>
/// One load run by the second client, <c>bench/sdk-client/load.mjs</c> (the official TypeScript SDK), against a running
/// system: the script warms the system up as the bench's own client does, connects every session of the level, and
/// waits; the system's CPU is read here, then the script is told to go, reports the calls when they are over and
/// waits again, with its sessions (and a system's children of them) still open, until the CPU has been read.
/// The script's own CPU (a Node process this bench started, outside the system's tree) is the client CPU.
/// </summary>
internal sealed class SdkClientRun(BenchPaths paths, BenchSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Closing the sessions (a DELETE each) once told to; then the script is stopped by its PID.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="level"/> against <paramref name="endpoint"/>; throws <see cref="SdkClientException"/> when the script fails.</summary>
    /// <remarks>
    /// Before the CPU is read, the tree under <paramref name="settleRoot"/> must stop changing: a closed warm-up
    /// session's child that exits between the two readings would take its CPU out of the tree's sum.
    /// </remarks>
    public async Task<SdkClientOutcome> RunAsync(Uri endpoint, LoadLevel level, CpuProbe cpu, int settleRoot, string logPath, CancellationToken cancellationToken)
    {
        var lines = Channel.CreateUnbounded<string?>();
        await using var process = LaunchedProcess.Start(paths.Node, Args(endpoint, level), logPath, line => lines.Writer.TryWrite(line));

        // The warm-up is bounded by the script's own run timeout as well; this bound is for a script that hangs.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(settings.RunTimeout * 3);
        var ready = await NextAsync(lines.Reader, SdkClientReport.Ready, process, bound.Token);
        _ = await NextAsync(lines.Reader, SdkClientReport.Connected, process, bound.Token);
        await ProcessSettling.WaitStableAsync(settleRoot, bound.Token);
        var before = cpu.Read();
        var clientBefore = ProcStat.Read(process.Pid)?.CpuTicks;
        await process.WriteLineAsync("go", bound.Token);
        var done = await NextAsync(lines.Reader, SdkClientReport.Done, process, bound.Token);
        var after = cpu.Read();
        var clientAfter = ProcStat.Read(process.Pid)?.CpuTicks;
        await process.WriteLineAsync("close", bound.Token);

        using (var exit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            exit.CancelAfter(ExitTimeout);
            try
            {
                await process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException) when (exit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // stopped by its PID on dispose
            }
        }

        var latencies = done.Latencies.Order().ToList();
        var setup = done.SetupMs.Order().ToList();
        var ok = done.Ok;
        return new SdkClientOutcome(ready.WarmupError, new LoadMeasurement
        {
            CallsPlanned = level.Clients * level.CallsPerClient,
            CallsOk = ok,
            Errors = done.Errors + done.SetupFailed,
            Mismatches = done.Mismatches,
            NotDone = done.NotDone,
            SetupFailed = done.SetupFailed,
            TimedOut = done.TimedOut,
            CallPhaseSeconds = done.Seconds,
            CallsPerSecond = done.Seconds > 0 ? ok / done.Seconds : null,
            GatewayCpuUsPerCall = CpuPerCall.Of(after.GatewayTicks - before.GatewayTicks, ok),
            TreeCpuUsPerCall = CpuPerCall.Of(after.TreeTicks - before.TreeTicks, ok),
            ClientCpuUsPerCall = CpuPerCall.Of(clientAfter - clientBefore, ok),
            FirstErrors = done.FirstErrors, // set-up errors first, as the script noted them
        }.WithPercentiles(latencies, setup));
    }

    private List<string> Args(Uri endpoint, LoadLevel level) =>
    [
        paths.SdkClientScript,
        "--url", endpoint.ToString(),
        "--clients", Number(level.Clients),
        "--calls", Number(level.CallsPerClient),
        "--warmup-calls", Number(settings.WarmupCalls),
        "--warmup-ms", Number((int)settings.WarmupDuration.TotalMilliseconds),
        "--warmup-rounds", Number(settings.WarmupRounds),
        "--warmup-rounds-ms", Number((int)settings.WarmupRoundsDuration.TotalMilliseconds),
        "--max-warmup-rounds", Number(BenchSettings.MaxWarmupRounds),
        "--call-timeout-ms", Number((int)settings.CallTimeout.TotalMilliseconds),
        "--run-timeout-ms", Number((int)settings.RunTimeout.TotalMilliseconds),
    ];

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    // The next report of kind `expected`, skipping any other line (a warning the SDK prints); the script's exit or
    // the bound ends the wait with the reason.
    private static async Task<SdkClientReport> NextAsync(ChannelReader<string?> lines, string expected, LaunchedProcess process, CancellationToken cancellationToken)
    {
        try
        {
            while (await lines.ReadAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                SdkClientReport? report;
                try
                {
                    report = JsonSerializer.Deserialize<SdkClientReport>(line, Json);
                }
                catch (JsonException)
                {
                    continue;
                }

                if (report?.Event == expected)
                {
                    return report;
                }
            }
        }
        catch (OperationCanceledException) when (!process.HasExited)
        {
            throw new SdkClientException($"the SDK client sent no '{expected}' in time: {process.LogTail()}");
        }

        throw new SdkClientException($"the SDK client exited before '{expected}': {process.LogTail()}");
    }
}
