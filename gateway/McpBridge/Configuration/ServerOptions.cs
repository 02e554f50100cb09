namespace McpBridge.Configuration;

/// <summary>One stdio MCP server that the gateway runs as a child process.</summary>
/// <remarks>
/// Binds from <c>Servers:NAME</c> in configuration (<c>Servers__time__Command</c> in the environment) and from
/// the <c>mcpServers</c> JSON that Claude Desktop and most MCP tools use.
/// </remarks>
public sealed class ServerOptions
{
    /// <summary>The program to start (looked up on PATH), such as <c>npx</c>, <c>uvx</c> or <c>dotnet</c>.</summary>
    public string Command { get; set; } = "";

    /// <summary>Arguments passed to <see cref="Command"/>, each as one argument (no shell splitting).</summary>
    public IList<string> Args { get; set; } = [];

    /// <summary>Environment variables set for the child, on top of a minimal environment.</summary>
    public IDictionary<string, string> Env { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Working directory of the child; the gateway's own when empty.</summary>
    public string? Cwd { get; set; }

    /// <summary>
    /// When <see langword="true"/>, the child inherits the gateway's whole environment (secrets included).
    /// Off by default: a child sees only PATH, HOME, locale and temp settings plus <see cref="Env"/>.
    /// </summary>
    public bool InheritEnv { get; set; }

    /// <summary>How sessions map onto children. Default <see cref="ChildPolicy.Isolated"/>.</summary>
    public ChildPolicy Policy { get; set; } = ChildPolicy.Isolated;

    /// <summary>With <see cref="ChildPolicy.Shared"/>: how many children serve all sessions. Default 2.</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>
    /// With <see cref="ChildPolicy.Isolated"/>: how many children are started and initialized ahead of time, so
    /// that a new session takes one instead of waiting for a cold start. Default 0.
    /// </summary>
    public int WarmSpares { get; set; }

    /// <summary>How long a child may take to start and answer <c>initialize</c>. Default 60 s (npx and uvx servers are slow).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a forwarded request may wait for the child's answer before it fails and is cancelled. Default 5 min.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Request headers whose values go into the environment of a session's child, by header name: the value of the
    /// header on the session's <c>initialize</c> request becomes the variable (<c>HeaderEnv:X-User-Token=USER_TOKEN</c>).
    /// Applies when the child starts, so only to <see cref="ChildPolicy.Isolated"/> without <see cref="WarmSpares"/>;
    /// values are never logged. Empty (off) by default.
    /// </summary>
    public IDictionary<string, string> HeaderEnv { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which tools are served, and the name prefix on the aggregated endpoint (<c>Servers:NAME:Tools</c>).</summary>
    public ToolsOptions Tools { get; set; } = new();

    /// <summary>How long a stopping child gets after its stdin closes, and again after SIGTERM, before its tree is killed. Default 2 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A copy whose child environment also has <paramref name="variables"/> (they win over <see cref="Env"/>).</summary>
    internal ServerOptions WithEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        var copy = (ServerOptions)MemberwiseClone();
        copy.Env = new Dictionary<string, string>(Env, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            copy.Env[name] = value;
        }

        return copy;
    }
}
