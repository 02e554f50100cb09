namespace McpBridge.Tests.Infrastructure;

/// <summary>What one client of the matrix did against the gateway: each step passed, was not possible for it, or failed.</summary>
/// <param name="Client">The client, as the README names it.</param>
/// <param name="Version">The client's version (npm package or NuGet assembly).</param>
/// <param name="Transport">Streamable HTTP or the legacy HTTP+SSE.</param>
/// <param name="Endpoint">The gateway path it was pointed at.</param>
/// <param name="Steps">initialize, tools/list, a call with progress, a server-to-client request: "pass", "fail" or why not.</param>
public sealed record ClientMatrixResult(string Client, string Version, string Transport, string Endpoint, IReadOnlyList<string> Steps)
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    public static readonly string[] StepNames = ["initialize", "tools/list", "call with progress", "sampling (server to client)"];

    public bool Passed => Steps.All(step => step != Fail);
}
