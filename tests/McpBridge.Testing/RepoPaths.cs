namespace McpBridge.Testing;

/// <summary>Where the processes under test are (built outputs of this repository, the npm fixture servers) and where test artifacts go.</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the folder holding McpBridge.slnx above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string GatewayDll => Built("McpBridge.Gateway");

    public static string RouterDll => Built("McpBridge.Router");

    public static string ChatDll => Built("McpBridge.Chat");

    public static string TestServerDll => Built("McpBridge.TestServer");

    public static string TimeServerDll => Built("TimeServer");

    /// <summary>The npm fixture servers, installed by <c>make npm</c>.</summary>
    public static string NpmModules => Path.Combine(Root, "tests", "npm", "node_modules");

    public static string EverythingServer => NpmPackage("@modelcontextprotocol/server-everything", "dist/index.js");

    public static string MemoryServer => NpmPackage("@modelcontextprotocol/server-memory", "dist/index.js");

    /// <summary>A file of an installed npm fixture package; a missing one says how to install it.</summary>
    public static string NpmPackage(string package, string file)
    {
        var path = Path.Combine(NpmModules, package, file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run 'make npm' (or 'make test') to install the npm fixture servers.");
    }

    /// <summary>A file a person may want to look at after a run (screenshots), under artifacts/test-results/<paramref name="area"/>.</summary>
    public static string Artifact(string area, string name)
    {
        var directory = Path.Combine(Root, "artifacts", "test-results", area);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
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
