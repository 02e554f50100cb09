using McpBridge.TestServer.Faults;

namespace McpBridge.TestServer.Hosting;

/// <summary>What the command line asked this process to be.</summary>
internal sealed record TestServerOptions
{
    /// <summary>The misbehaviour to show; <see cref="FaultMode.None"/> serves the conformance contract.</summary>
    public FaultMode Fault { get; init; } = FaultMode.None;

    /// <summary>How long to sleep before serving (tests of warm spares use it). Default: none.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// When set, serve over Streamable HTTP at this loopback URL instead of stdio
    /// (for checking the contract with the conformance suite directly).
    /// </summary>
    public Uri? HttpUrl { get; init; }

    /// <summary>When set, <c>tools/list</c> and <c>resources/list</c> answer this many entries a page. Default: one page.</summary>
    public int? PageSize { get; init; }
}
