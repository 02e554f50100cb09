using System.Net;
using McpBridge.Bench.Client;
using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Scenarios;

/// <summary>HTTP plumbing shared by the scenarios: one connection pool per run, one session per client.</summary>
internal static class SessionFactory
{
    /// <summary>A client with room for one connection per session, HTTP/1.1, no proxy, no decompression.</summary>
    public static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4), // below Node's 5 s keep-alive: no reuse of a closing socket
        ConnectTimeout = TimeSpan.FromSeconds(30),
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
    };

    /// <summary>A session of <paramref name="system"/> over its transport: Streamable HTTP, or the legacy HTTP+SSE one.</summary>
    public static IMcpSession Http(HttpClient http, RunningSystem system, string name) => system.Spec.LegacySse
        ? new LegacySseMcpSession(http, system.Endpoint, name)
        : new HttpMcpSession(http, system.Endpoint, name, system.Spec.EchoTool);

    public static IMcpSession Stdio(BenchPaths paths, string name) => new StdioMcpSession(paths.Node, paths.EverythingArgs, name);

    /// <summary>The most warm-up calls of one run, whatever the duration asks: every loop here stops by itself.</summary>
    private const int MaxWarmupCalls = 50_000;

    /// <summary>
    /// One session, checked calls until at least <paramref name="calls"/> are made and <paramref name="duration"/> has
    /// passed (at most <see cref="MaxWarmupCalls"/>), closed: warms both sides up and proves the system answers.
    /// Null when all went well.
    /// </summary>
    public static async Task<string?> WarmUpAsync(IMcpSession session, int calls, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using (session)
        {
            try
            {
                await session.ConnectAsync(cancellationToken);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var n = 0; n < MaxWarmupCalls && (n < calls || System.Diagnostics.Stopwatch.GetElapsedTime(started) < duration); n++)
                {
                    var outcome = await session.CallEchoAsync($"warmup-{n}", cancellationToken);
                    if (outcome.Status != CallStatus.Ok)
                    {
                        return $"{outcome.Status}: {outcome.Detail}";
                    }
                }
            }
            catch (Exception e) when (e is McpBenchException or HttpRequestException or IOException)
            {
                return e.Message;
            }
            finally
            {
                await session.CloseAsync(cancellationToken);
            }
        }

        return null;
    }
}
