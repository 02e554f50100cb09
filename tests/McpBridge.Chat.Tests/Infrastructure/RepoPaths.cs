namespace McpBridge.Chat.Tests.Infrastructure;

/// <summary>Where the processes under test are (built outputs of this repo) and where test artifacts go.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string GatewayDll => Built("McpBridge.Gateway");

    public static string ChatDll => Built("McpBridge.Chat");

    public static string TimeServerDll => Built("TimeServer");

    public static string TestServerDll => Built("McpBridge.TestServer");

    /// <summary>Screenshots and other files a person may want to look at after a run (kept by <c>make test</c>).</summary>
    public static string Artifact(string name)
    {
        var directory = Path.Combine(Root, "artifacts", "test-results", "chat");
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
