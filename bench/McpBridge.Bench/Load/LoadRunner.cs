using System.Diagnostics;
using McpBridge.Bench.Client;

namespace McpBridge.Bench.Load;

/// <summary>
/// Drives one load level: all sessions connect at once (timed), then after a barrier each makes its calls one
/// after the other, every reply checked; the CPU of the system under test is read at the barrier and at the end
/// of the calls. The whole run is bounded by a deadline; calls still to do at the deadline count as not done.
/// </summary>
internal sealed class LoadRunner(TimeSpan runTimeout, TimeSpan callTimeout)
{
    private readonly string _runTag = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);

    public async Task<LoadMeasurement> RunAsync(LoadLevel level, Func<int, IMcpSession> newSession, CpuProbe cpu, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(runTimeout);
        var errors = new ErrorLog();
        var sessions = Enumerable.Range(0, level.Clients).Select(newSession).ToArray();
        var setupMs = new double?[level.Clients];
        var setupFailed = 0;

        await Task.WhenAll(sessions.Select(async (session, i) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await session.ConnectAsync(deadline.Token);
                setupMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            catch (Exception e) when (e is McpBenchException or HttpRequestException or IOException or OperationCanceledException)
            {
                Interlocked.Increment(ref setupFailed);
                if (!deadline.IsCancellationRequested)
                {
                    errors.Add("connect", e.Message);
                }
            }
        }));

        var before = cpu.Read();
        var phase = Stopwatch.StartNew();
        var latencies = new List<double>[level.Clients];
        var counts = new int[4]; // ok, errors, mismatches, not done
        await Task.WhenAll(sessions.Select((session, i) => setupMs[i] is null
            ? Task.CompletedTask
            : CallLoopAsync(session, i, level.CallsPerClient, latencies[i] = new List<double>(level.CallsPerClient), counts, errors, deadline.Token)));
        phase.Stop();
        var after = cpu.Read();

        using (var closing = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await Task.WhenAll(sessions.Select(async s =>
            {
                await s.CloseAsync(closing.Token);
                await s.DisposeAsync();
            }));
        }

        var ok = counts[0];
        var lat = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToList();
        var setup = setupMs.Where(s => s.HasValue).Select(s => s!.Value).Order().ToList();
        return new LoadMeasurement
        {
            CallsPlanned = level.Clients * level.CallsPerClient,
            CallsOk = ok,
            Errors = counts[1] + setupFailed,
            Mismatches = counts[2],
            NotDone = counts[3] + (setupFailed * level.CallsPerClient),
            SetupFailed = setupFailed,
            TimedOut = deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested,
            CallPhaseSeconds = phase.Elapsed.TotalSeconds,
            CallsPerSecond = phase.Elapsed.TotalSeconds > 0 ? ok / phase.Elapsed.TotalSeconds : null,
            GatewayCpuUsPerCall = CpuPerCall.Of(after.GatewayTicks - before.GatewayTicks, ok),
            TreeCpuUsPerCall = CpuPerCall.Of(after.TreeTicks - before.TreeTicks, ok),
            ClientCpuUsPerCall = ok > 0 ? (after.ClientCpu - before.ClientCpu).TotalMicroseconds / ok : null,
            FirstErrors = errors.First(),
        }.WithPercentiles(lat, setup);
    }

    private async Task CallLoopAsync(IMcpSession session, int client, int calls, List<double> latencies, int[] counts, ErrorLog errors, CancellationToken deadline)
    {
        for (var n = 0; n < calls; n++)
        {
            if (deadline.IsCancellationRequested)
            {
                Interlocked.Add(ref counts[3], calls - n);
                return;
            }

            var uid = $"u{_runTag}-c{client}-n{n}";
            using var callLimit = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            callLimit.CancelAfter(callTimeout);
            var started = Stopwatch.GetTimestamp();
            CallOutcome outcome;
            try
            {
                outcome = await session.CallEchoAsync(uid, callLimit.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Interlocked.Add(ref counts[3], calls - n);
                return;
            }
            catch (OperationCanceledException) when (callLimit.IsCancellationRequested)
            {
                outcome = CallOutcome.Error($"no reply within {callTimeout.TotalSeconds:0} s");
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            switch (outcome.Status)
            {
                case CallStatus.Ok:
                    latencies.Add(elapsed);
                    Interlocked.Increment(ref counts[0]);
                    break;
                case CallStatus.Mismatch:
                    Interlocked.Increment(ref counts[2]);
                    errors.Add("MISMATCH", outcome.Detail ?? "");
                    break;
                default:
                    Interlocked.Increment(ref counts[1]);
                    errors.Add("call", outcome.Detail ?? "");
                    break;
            }
        }
    }
}
