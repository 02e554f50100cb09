using ModelContextProtocol.Client;

namespace TimeServer.Tests.Infrastructure;

/// <summary>Starts the built TimeServer as a child process and connects an MCP client to it over stdio.</summary>
internal static class TimeServerProcess
{
    /// <summary>How long any one exchange with the server may take before a test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The server's dll in its own output folder: artifacts/bin/TimeServer/&lt;pivot&gt;/, beside
    /// this test assembly's artifacts/bin/TimeServer.Tests/&lt;pivot&gt;/.
    /// </summary>
    public static string DllPath
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(testOutput.Parent!.Parent!.FullName, "TimeServer", testOutput.Name, "TimeServer.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"TimeServer is not built at {path}. Build samples/TimeServer (dotnet test builds it first).", path);
        }
    }

    /// <summary>The dotnet executable that runs these tests (the CLI sets DOTNET_HOST_PATH), or dotnet on PATH.</summary>
    public static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>
    /// The revision mcp-server-time 0.6.2 speaks. Tests pin it: an unpinned client first probes with
    /// <c>server/discover</c> under a short timeout, so the revision it ends on would depend on how fast the server starts.
    /// </summary>
    public const string PythonServerRevision = "2025-11-25";

    /// <summary>
    /// Starts the server with <paramref name="arguments"/> and returns a client connected in <paramref name="revision"/>;
    /// dispose it to stop the server.
    /// </summary>
    public static async Task<McpClient> StartAsync(
        IReadOnlyList<string> arguments,
        IDictionary<string, string?>? environment = null,
        string revision = PythonServerRevision)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "TimeServer",
            Command = DotnetPath,
            Arguments = [DllPath, .. arguments],
            EnvironmentVariables = environment is null ? null : new Dictionary<string, string?>(environment),
        });
        using var timeout = new CancellationTokenSource(Timeout);
        var options = new McpClientOptions { ProtocolVersion = revision };
        return await McpClient.CreateAsync(transport, options, cancellationToken: timeout.Token);
    }
}
