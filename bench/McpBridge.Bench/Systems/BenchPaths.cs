namespace McpBridge.Bench.Systems;

/// <summary>
/// Where everything the bench runs lives: the repository, the gateway (the Release dll, or an executable: the container
/// build or the Native AOT build), the router (its Native AOT build when published, else the Release dll), Node and the
/// npm packages in bench/node_modules.
/// </summary>
internal sealed record BenchPaths(string RepoRoot, string Dotnet, string Node, string GatewayPath, string RouterPath, string BenchDll)
{
    public string BenchDir => Path.Combine(RepoRoot, "bench");

    public string NodeModules => Path.Combine(BenchDir, "node_modules");

    /// <summary>server-everything's entry point; run as <c>node ENTRY stdio</c>.</summary>
    public string Everything => Path.Combine(NodeModules, "@modelcontextprotocol", "server-everything", "dist", "index.js");

    public string Supergateway => Path.Combine(NodeModules, "supergateway", "dist", "index.js");

    public string McpProxy => Path.Combine(NodeModules, "mcp-proxy", "dist", "bin", "mcp-proxy.mjs");

    /// <summary>The second client (issue 15): a Node script on the official TypeScript SDK, run as <c>node SCRIPT --url ...</c>.</summary>
    public string SdkClientScript => Path.Combine(BenchDir, "sdk-client", "load.mjs");

    /// <summary>The official TypeScript SDK that <see cref="SdkClientScript"/> imports, pinned in bench/package.json.</summary>
    public string SdkPackage => Path.Combine(NodeModules, "@modelcontextprotocol", "sdk", "package.json");

    /// <summary>The <c>node --require</c> preload that pins supergateway's listen() to 127.0.0.1 (it has no host flag).</summary>
    public string BindLoopback => Path.Combine(BenchDir, "bind-loopback.cjs");

    /// <summary>The Release build of the gateway, run by dotnet.</summary>
    public string JitGateway => Path.Combine(RepoRoot, "artifacts", "bin", "McpBridge.Gateway", "release", "McpBridge.Gateway.dll");

    /// <summary>The Native AOT build of the gateway (<c>make publish</c>), one executable.</summary>
    public string AotGateway => Path.Combine(RepoRoot, "artifacts", "publish", "gateway-aot", "McpBridge.Gateway");

    /// <summary>
    /// The container images' build of the gateway for glibc (<c>make publish-container</c>, <c>gateway/docker/publish.sh</c>):
    /// self-contained, trimmed and ReadyToRun, started by its own executable.
    /// </summary>
    public string ContainerGateway => Path.Combine(RepoRoot, "artifacts", "publish", "gateway-container", "glibc", "McpBridge.Gateway");

    /// <summary>
    /// The builds that the start-up, idle-memory and warm-spare scenarios compare: the gateway under test, the Release JIT
    /// build, the container build and the Native AOT build, each that exists, once.
    /// </summary>
    public IReadOnlyList<string> GatewayBuilds => [.. new[] { GatewayPath, JitGateway, ContainerGateway, AotGateway }.Where(File.Exists).Distinct()];

    public const string NativeAot = "Native AOT";
    public const string Jit = "JIT";
    public const string Container = "container (ReadyToRun)";

    /// <summary>
    /// The gateway's build as reports name it: <see cref="Jit"/> for a dll that dotnet runs, <see cref="Container"/> for an
    /// executable with its assemblies beside it (self-contained), <see cref="NativeAot"/> for an executable alone.
    /// </summary>
    public string BuildName => !GatewayIsNative ? Jit : IsSelfContained ? Container : NativeAot;

    /// <summary>The gateway's build in log file names: <c>jit</c>, <c>r2r</c> or <c>aot</c>.</summary>
    public string BuildTag => !GatewayIsNative ? "jit" : IsSelfContained ? "r2r" : "aot";

    /// <summary>Whether the gateway is Native AOT: an executable without the bridge's assembly beside it.</summary>
    public bool GatewayIsAot => GatewayIsNative && !IsSelfContained;

    private string BesideGateway => Path.Combine(Path.GetDirectoryName(GatewayPath)!, "McpBridge.dll");

    private bool IsSelfContained => GatewayIsNative && File.Exists(BesideGateway);

    /// <summary>These paths with <paramref name="gateway"/> (one of <see cref="GatewayBuilds"/>) as the gateway.</summary>
    public BenchPaths WithGateway(string gateway) => this with { GatewayPath = gateway };

    /// <summary>Whether the gateway is a native executable, run as it is; otherwise a dll that dotnet runs.</summary>
    public bool GatewayIsNative => !GatewayPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The program that runs the gateway: the gateway itself when native, else dotnet.</summary>
    public string GatewayCommand => GatewayIsNative ? GatewayPath : Dotnet;

    /// <summary>What comes before the gateway's own arguments: nothing when native, else the dll.</summary>
    public IReadOnlyList<string> GatewayPrefix => GatewayIsNative ? [] : [GatewayPath];

    /// <summary>The file holding the bridge library's code, read to tell which options this build knows: McpBridge.dll next to the gateway, or the Native AOT executable itself.</summary>
    public string BridgeBinary => GatewayIsAot ? GatewayPath : BesideGateway;

    /// <summary>Whether the router is its Native AOT executable, run as it is; otherwise a dll that dotnet runs.</summary>
    public bool RouterIsNative => !RouterPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The program that runs the router: the router itself when native, else dotnet.</summary>
    public string RouterCommand => RouterIsNative ? RouterPath : Dotnet;

    /// <summary>What comes before the router's own arguments: nothing when native, else the dll.</summary>
    public IReadOnlyList<string> RouterPrefix => RouterIsNative ? [] : [RouterPath];

    public IReadOnlyList<string> EverythingArgs => [Everything, "stdio"];

    /// <summary>Finds the repository (the folder holding McpBridge.slnx) above this program, and node on PATH.</summary>
    public static BenchPaths Discover(string? repoRoot, string? gatewayPath, string? routerDll)
    {
        var root = repoRoot ?? FindRepoRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Cannot find the repository (McpBridge.slnx) above the bench program; pass --repo DIR.");
        var gateway = gatewayPath ?? Path.Combine(root, "artifacts", "bin", "McpBridge.Gateway", "release", "McpBridge.Gateway.dll");
        var aotRouter = Path.Combine(root, "artifacts", "publish", "router-aot", "McpBridge.Router");
        var router = routerDll ?? (File.Exists(aotRouter) ? aotRouter : Path.Combine(root, "artifacts", "bin", "McpBridge.Router", "release", "McpBridge.Router.dll"));
        var node = FindOnPath("node") ?? throw new InvalidOperationException("node (20 or later) is not on PATH; install Node.js.");
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet"
            ? p
            : FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");
        var benchDll = typeof(BenchPaths).Assembly.Location;
        return new BenchPaths(Path.GetFullPath(root), dotnet, node, Path.GetFullPath(gateway), Path.GetFullPath(router), benchDll);
    }

    /// <summary>Every problem that stops a run of <paramref name="systems"/>, each with its fix; empty when the bench can run.</summary>
    public List<string> Problems(IReadOnlyList<string> systems, IReadOnlyList<string> sdkSystems)
    {
        List<string> problems = [];
        if (!File.Exists(GatewayPath))
        {
            problems.Add(GatewayIsNative
                ? $"{GatewayPath} is missing: publish it with 'make publish' (or pass --gateway PATH)."
                : $"{GatewayPath} is missing: build it with 'dotnet build gateway/McpBridge.Gateway -c Release' (or pass --gateway PATH).");
        }

        if (systems.Contains(SystemCatalog.SharedRouter) && !File.Exists(RouterPath))
        {
            problems.Add($"{RouterPath} is missing: {(RouterIsNative ? "publish it with 'make publish-router'" : "build it with 'dotnet build router/McpBridge.Router -c Release'")} (or pass --router PATH, or leave {SystemCatalog.SharedRouter} out of --systems).");
        }

        foreach (var file in new[] { Everything, Supergateway, McpProxy })
        {
            if (!File.Exists(file))
            {
                problems.Add($"{file} is missing: run 'npm ci' in bench/ (make bench does).");
            }
        }

        if (sdkSystems.Count > 0 && !File.Exists(SdkPackage))
        {
            problems.Add($"{SdkPackage} is missing: run 'npm ci' in bench/ (make bench does), or pass --sdk-systems none.");
        }

        if (!File.Exists(BindLoopback))
        {
            problems.Add($"{BindLoopback} is missing.");
        }

        return problems;
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "McpBridge.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
