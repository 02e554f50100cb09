namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>Paths in the repository under test.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    public static string GatewayDll => Built("McpBridge.Gateway");

    public static string NpmBin(string tool) =>
        File.Exists(Path("tests", "npm", "node_modules", ".bin", tool))
            ? Path("tests", "npm", "node_modules", ".bin", tool)
            : throw new FileNotFoundException($"{tool} is missing from tests/npm/node_modules: run 'make npm' (or 'make test') to install the npm test tools.");

    public static string NpmPackage(string package) =>
        Directory.Exists(Path("tests", "npm", "node_modules", package))
            ? Path("tests", "npm", "node_modules", package)
            : throw new DirectoryNotFoundException($"{package} is missing from tests/npm/node_modules: run 'make npm' (or 'make test').");

    /// <summary>The sample folders, one per mcp/* image plus the multi-server one: samples/mcp-*.</summary>
    public static IReadOnlyList<string> SampleFolders =>
        [.. Directory.GetDirectories(Path("samples"), "mcp-*").Select(System.IO.Path.GetFileName).Order()!];

    /// <summary>compose.yaml and compose.*.yaml at the root.</summary>
    public static IReadOnlyList<string> RootComposeFiles =>
        [.. Directory.GetFiles(Root, "compose*.yaml").Select(System.IO.Path.GetFileName).Order()!];

    private static string Built(string project)
    {
        var path = Path("artifacts", "bin", project, "debug", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run 'make build'.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "McpBridge.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (McpBridge.slnx) was not found above the test assembly.");
    }
}
