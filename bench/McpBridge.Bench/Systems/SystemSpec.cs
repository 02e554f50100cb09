namespace McpBridge.Bench.Systems;

/// <summary>What a system is in the comparison: the product, a peer, or a baseline that brackets them.</summary>
internal enum SystemRole
{
    Baseline,
    McpBridge,
    Peer,
}

/// <summary>
/// One system under test. HTTP systems are started by <see cref="Command"/> with <see cref="Args"/> (the port filled
/// in) and loaded at <c>http://127.0.0.1:PORT/mcp</c>; direct stdio (<see cref="IsStdio"/>) has no process of its own:
/// every session starts its own server. A <see cref="LegacySse"/> system is loaded at <c>/sse</c> instead. A system with a <see cref="Backend"/> is two processes: the backend starts
/// first on its own port, and this one is pointed at it by <see cref="BackendArgs"/>.
/// </summary>
internal sealed record SystemSpec(
    string Name,
    string Label,
    SystemRole Role,
    string Command,
    Func<int, IReadOnlyList<string>> Args,
    bool ChildPerSession)
{
    /// <summary>The process this one forwards to (the gateway replica behind the router), started before it and stopped after it; null for one process.</summary>
    public SystemSpec? Backend { get; init; }

    /// <summary>The options, given the backend's port, appended to <see cref="Args"/> (the router's <c>--Router:Replicas:0=URL</c>).</summary>
    public Func<int, IReadOnlyList<string>> BackendArgs { get; init; } = _ => [];

    /// <summary>A path that answers 200 once the system can take calls (<c>/readyz</c>); null when listening is enough.</summary>
    public string? ReadyPath { get; init; }

    public bool IsStdio => Name == SystemCatalog.Stdio;

    /// <summary>The name the load calls server-everything's <c>echo</c> by: <c>everything__echo</c> on an aggregated endpoint.</summary>
    public string EchoTool { get; init; } = "echo";

    /// <summary>Whether the load speaks the legacy 2024-11-05 HTTP+SSE transport (<c>GET /sse</c>, <c>POST /message</c>) instead of Streamable HTTP.</summary>
    public bool LegacySse { get; init; }

    /// <summary>Every argument of this system's own process on <paramref name="port"/>, its backend on <paramref name="backendPort"/>.</summary>
    public IReadOnlyList<string> ArgsFor(int port, int backendPort) => Backend is null ? Args(port) : [.. Args(port), .. BackendArgs(backendPort)];

    /// <summary>The command line with <paramref name="port"/> filled in, as the docs show it; the backend's first, joined by <c>&amp;</c>.</summary>
    public string CommandLine(int port, int backendPort = 0)
    {
        var own = string.Join(' ', new[] { Command }.Concat(ArgsFor(port, backendPort)).Select(Quote));
        return Backend is { } backend ? $"{backend.CommandLine(backendPort)} & {own}" : own;
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,".Contains(c)) ? arg : $"'{arg}'";
}
