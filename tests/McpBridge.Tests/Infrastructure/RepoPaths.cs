namespace McpBridge.Tests.Infrastructure;

/// <summary>Where the processes under test are: built outputs of this repo and the npm fixture servers.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string GatewayDll => Built("McpBridge.Gateway");

    public static string TestServerDll => Built("McpBridge.TestServer");

    public static string TimeServerDll => Built("TimeServer");

    public static string NpmModules => Path.Combine(Root, "tests", "npm", "node_modules");

    public static string EverythingServer => NpmPackage("@modelcontextprotocol/server-everything", "dist/index.js");

    public static string MemoryServer => NpmPackage("@modelcontextprotocol/server-memory", "dist/index.js");

    public static string NpmPackage(string package, string file)
    {
        var path = Path.Combine(NpmModules, package, file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run 'make npm' (or 'make test') to install the npm fixture servers.");
    }

    private static string Built(string project)
    {
        var path = Path.Combine(Root, "artifacts", "bin", project, "debug", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run 'make build'.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "McpBridge.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (McpBridge.slnx) was not found above the test assembly.");
    }
}
