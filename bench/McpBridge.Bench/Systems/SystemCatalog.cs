namespace McpBridge.Bench.Systems;

/// <summary>The systems one bench run compares, all serving (or being) server-everything's stdio server.</summary>
internal static class SystemCatalog
{
    public const string Stdio = "stdio";
    public const string EchoFloor = "echo-floor";
    public const string Isolated = "mcpbridge-isolated";
    public const string Shared = "mcpbridge-shared";
    public const string SharedRouter = "mcpbridge-shared-router";
    public const string ProxyFloor = "proxy-floor";
    public const string SharedLegacySse = "mcpbridge-shared-sse";
    public const string SharedAot = "mcpbridge-shared-aot";
    public const string Aggregate = "mcpbridge-aggregate";
    public const string Supergateway = "supergateway";
    public const string McpProxy = "mcp-proxy";

    /// <summary>
    /// The systems that the second client (the official TypeScript SDK) loads by default: the gateway's builds whose CPU
    /// per call is a target, and the peers that the ratios are against.
    /// </summary>
    public static readonly IReadOnlyList<string> SdkDefault = [Isolated, Shared, SharedAot, Supergateway, McpProxy];

    /// <summary>The server name the gateway is given, so its options are <c>Servers:everything:*</c>.</summary>
    public const string ServerName = "everything";

    public static readonly IReadOnlyList<string> All = [Stdio, EchoFloor, Isolated, Shared, Aggregate, SharedLegacySse, SharedAot, SharedRouter, ProxyFloor, Supergateway, McpProxy];

    public static IReadOnlyList<SystemSpec> Build(BenchPaths paths, int poolSize) =>
    [
        new(Stdio, "direct stdio", SystemRole.Baseline, paths.Node, _ => paths.EverythingArgs, ChildPerSession: true),
        new(EchoFloor, "echo floor (no child)", SystemRole.Baseline, paths.Dotnet,
            port => [paths.BenchDll, "echo-floor", "--urls", Url(port)], ChildPerSession: false),
        Gateway(paths, Isolated, "McpBridge isolated", []),
        Gateway(paths, Shared, "McpBridge shared", SharedOptions(poolSize)),
        Gateway(paths, Aggregate, "McpBridge shared, aggregated /mcp of 3 servers", [.. SharedOptions(poolSize), .. AggregateOptions(paths)])
            with { EchoTool = ServerName + "__echo" },
        Gateway(paths, SharedLegacySse, "McpBridge shared, legacy HTTP+SSE", SharedOptions(poolSize)) with { LegacySse = true },
        Gateway(paths.WithGateway(paths.AotGateway), SharedAot, "McpBridge shared, Native AOT", SharedOptions(poolSize)),
        RouterInFrontOf(paths, SharedRouter, paths.RouterIsNative ? "McpBridge shared via router (Native AOT)" : "McpBridge shared via router",
            Gateway(paths, Shared, "McpBridge shared (replica)", SharedOptions(poolSize)) with { ReadyPath = "/readyz" }),
        ProxyFloorInFrontOf(paths, Gateway(paths, Shared, "McpBridge shared (replica)", SharedOptions(poolSize)) with { ReadyPath = "/readyz" }),
        new(Supergateway, "supergateway (stateful)", SystemRole.Peer, paths.Node,
            port => ["--require", paths.BindLoopback, paths.Supergateway, "--stdio", $"{paths.Node} {paths.Everything} stdio",
                "--outputTransport", "streamableHttp", "--stateful", "--port", Port(port), "--logLevel", "none"],
            ChildPerSession: true),
        new(McpProxy, "mcp-proxy", SystemRole.Peer, paths.Node,
            port => [paths.McpProxy, "--host", "127.0.0.1", "--port", Port(port), "--server", "stream", "--", paths.Node, .. paths.EverythingArgs],
            ChildPerSession: false),
    ];

    /// <summary>The gateway serving server-everything, with extra <c>--Section:Key=value</c> options before the <c>--</c>.</summary>
    public static SystemSpec Gateway(BenchPaths paths, string name, string label, IReadOnlyList<string> options, IReadOnlyList<string>? childCommand = null) =>
        new(name, label, SystemRole.McpBridge, paths.GatewayCommand,
            port => [.. paths.GatewayPrefix, "--urls", Url(port), "--name", ServerName, .. QuietLogging, .. options, "--", .. childCommand ?? [paths.Node, .. paths.EverythingArgs]],
            ChildPerSession: name is not (Shared or SharedAot or SharedLegacySse or Aggregate));

    private static readonly string[] AggregateExtraServers = ["second", "third"];

    /// <summary>
    /// Two more servers beside <see cref="ServerName"/> (server-everything again, each a shared pool of one), so that
    /// <c>/mcp</c> is the aggregated endpoint and each call is routed by its prefixed name.
    /// </summary>
    private static IReadOnlyList<string> AggregateOptions(BenchPaths paths) =>
    [
        .. AggregateExtraServers.SelectMany(server => new[]
        {
            $"--Servers:{server}:Command={paths.Node}", $"--Servers:{server}:Args:0={paths.Everything}", $"--Servers:{server}:Args:1=stdio",
            $"--Servers:{server}:Policy=Shared", $"--Servers:{server}:PoolSize=1",
        }),
    ];

    /// <summary>
    /// The router with <paramref name="replica"/> as its one replica, both on loopback: the replica starts first and
    /// must answer <c>/readyz</c>, then the router, which must answer its own <c>/readyz</c> (it has polled the replica
    /// and learnt its name) before the first call.
    /// </summary>
    public static SystemSpec RouterInFrontOf(BenchPaths paths, string name, string label, SystemSpec replica) =>
        new(name, label, SystemRole.McpBridge, paths.RouterCommand, port => [.. paths.RouterPrefix, "--urls", Url(port), .. QuietLogging], replica.ChildPerSession)
        {
            Backend = replica,
            BackendArgs = replicaPort => [$"--Router:Replicas:0={Url(replicaPort)}"],
            ReadyPath = "/readyz",
        };

    /// <summary>
    /// YARP's forwarder alone (<c>McpBridge.Bench proxy-floor</c>) in front of <paramref name="replica"/>, as the router
    /// is in <see cref="SharedRouter"/>: the least a proxy costs here, which the router's own CPU per call is held against.
    /// </summary>
    private static SystemSpec ProxyFloorInFrontOf(BenchPaths paths, SystemSpec replica) =>
        new(ProxyFloor, "YARP forwarder alone (proxy floor) in front of McpBridge shared", SystemRole.Baseline, paths.Dotnet,
            port => [paths.BenchDll, "proxy-floor", "--urls", Url(port)], replica.ChildPerSession)
        {
            Backend = replica,
            BackendArgs = replicaPort => ["--to", Url(replicaPort)],
        };

    /// <summary>
    /// Warnings and errors only, as the peers run (supergateway <c>--logLevel none</c>): without an appsettings.json in
    /// its content root the gateway logs every HTTP request at Information, which costs more CPU than the forwarding.
    /// </summary>
    public static readonly IReadOnlyList<string> QuietLogging = ["--Logging:LogLevel:Default=Warning"];

    public static IReadOnlyList<string> SharedOptions(int poolSize) =>
        [$"--Servers:{ServerName}:Policy=Shared", $"--Servers:{ServerName}:PoolSize={poolSize}"];

    public static string Url(int port) => $"http://127.0.0.1:{port}";

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
