using McpBridge.Bench.Systems;

namespace McpBridge.Bench.Scenarios;

/// <summary>
/// Which gateway features this build has, found by trying: a gateway that refuses <c>Policy=Shared</c> at start-up
/// has no shared pool, and one whose bridge library does not name <c>WarmSpares</c> (configuration binding ignores
/// unknown keys) or refuses it has no warm spares. The bench runs what is there and reports the rest as absent.
/// </summary>
internal sealed class Availability
{
    public const string NotInBuild = "not available in this build";
    private readonly Dictionary<string, string> _unavailable = [];

    public string? SharedReason => _unavailable.GetValueOrDefault(SystemCatalog.Shared);

    /// <summary>Why the shared gateway, which started, failed its first checked call (null when it passed or did not start).</summary>
    public string? SharedCheck { get; private set; }

    public string? WarmSparesReason { get; private set; }

    /// <summary>Why <paramref name="system"/> cannot run in this build; the router's replica is a shared gateway, so it shares that answer.</summary>
    public string? Unavailable(string system) => _unavailable.GetValueOrDefault(system is SystemCatalog.SharedRouter or SystemCatalog.ProxyFloor or SystemCatalog.SharedLegacySse ? SystemCatalog.Shared : system);

    public static async Task<Availability> ProbeAsync(BenchPaths paths, BenchSettings settings, CancellationToken cancellationToken)
    {
        var availability = new Availability();
        var logs = Path.Combine(settings.OutDir, "logs");
        Directory.CreateDirectory(logs);

        var shared = SystemCatalog.Gateway(paths, SystemCatalog.Shared, "probe", SystemCatalog.SharedOptions(settings.PoolSize));
        var (sharedRefused, sharedCheck) = await TryAsync(shared, Path.Combine(logs, "probe-shared.log"), cancellationToken);
        if (sharedRefused is not null)
        {
            availability._unavailable[SystemCatalog.Shared] = $"{NotInBuild} ({sharedRefused})";
        }

        availability.SharedCheck = sharedCheck;
        if (!File.Exists(paths.AotGateway))
        {
            availability._unavailable[SystemCatalog.SharedAot] = "the Native AOT build was not published (make publish; make bench does when clang or gcc is there)";
        }
        else if (paths.GatewayIsAot)
        {
            availability._unavailable[SystemCatalog.SharedAot] = "the gateway under test (--gateway) is already the Native AOT build";
        }
        else if (availability.SharedReason is { } why)
        {
            availability._unavailable[SystemCatalog.SharedAot] = why;
        }

        if (settings.WarmSpares > 0)
        {
            // UTF-8 in a dll's metadata, UTF-16 among a native executable's string literals.
            var bridge = File.Exists(paths.BridgeBinary) ? await File.ReadAllBytesAsync(paths.BridgeBinary, cancellationToken) : [];
            if (bridge.AsSpan().IndexOf("WarmSpares"u8) < 0 && bridge.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes("WarmSpares")) < 0)
            {
                availability.WarmSparesReason = $"{NotInBuild} (the gateway does not know Servers:NAME:WarmSpares)";
            }
            else
            {
                var warm = SystemCatalog.Gateway(paths, "probe-warm-spares", "probe", [$"--Servers:{SystemCatalog.ServerName}:WarmSpares={settings.WarmSpares}"]);
                var (warmRefused, _) = await TryAsync(warm, Path.Combine(logs, "probe-warm-spares.log"), cancellationToken);
                if (warmRefused is not null)
                {
                    availability.WarmSparesReason = $"{NotInBuild} ({warmRefused})";
                }
            }
        }

        return availability;
    }

    /// <summary>Starts the gateway and makes one checked call: why it refused to start, or why the call failed (null when fine).</summary>
    private static async Task<(string? Refused, string? CheckFailed)> TryAsync(SystemSpec spec, string log, CancellationToken cancellationToken)
    {
        try
        {
            await using var system = await RunningSystem.StartAsync(spec, log, TimeSpan.FromSeconds(60), cancellationToken);
            using var http = SessionFactory.NewHttpClient();
            return (null, await SessionFactory.WarmUpAsync(SessionFactory.Http(http, system, "bench-probe"), 1, TimeSpan.Zero, cancellationToken));
        }
        catch (SystemStartException e)
        {
            return (Refusal(log) ?? e.Message, null);
        }
    }

    // The gateway's refusal is one line of its log (an options validation message); the rest is a stack trace.
    private static string? Refusal(string log)
    {
        if (!File.Exists(log))
        {
            return null;
        }

        var lines = File.ReadLines(log).Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var line = lines.FirstOrDefault(l => l.Contains("Policy", StringComparison.Ordinal) || l.Contains("WarmSpares", StringComparison.Ordinal) || l.Contains("PoolSize", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        line = line[(line.IndexOf(": ", StringComparison.Ordinal) is var colon and >= 0 && line.StartsWith("Unhandled", StringComparison.Ordinal) ? colon + 2 : 0)..];
        var exception = line.IndexOf("Exception: ", StringComparison.Ordinal);
        line = exception >= 0 ? line[(exception + 11)..] : line;
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
