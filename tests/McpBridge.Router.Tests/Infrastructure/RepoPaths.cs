namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>Where the processes under test are: built outputs of this repo and the npm fixture servers.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string RouterDll => Built("McpBridge.Router");

    public static string GatewayDll => Built("McpBridge.Gateway");

    public static string TestServerDll => Built("McpBridge.TestServer");

    public static string EverythingServer
    {
        get
        {
            var path = Path.Combine(Root, "tests", "npm", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"{path} is missing: run 'make npm' (or 'make test') to install the npm fixture servers.");
        }
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
