using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>The official C# MCP client over Streamable HTTP, as any user would connect.</summary>
internal static class Clients
{
    /// <summary>Connects with the given protocol revision: 2025-11-25 gets a session, 2026-07-28 is served statelessly.</summary>
    public static Task<McpClient> ConnectAsync(Uri url, string revision = Revisions.Sessions, McpClientOptions? options = null)
    {
        options ??= new McpClientOptions();
        options.ProtocolVersion = revision;

        // A slow first answer on a busy machine must not make the client fall back to initialize, which hides errors.
        options.DiscoverProbeTimeout = TimeSpan.FromSeconds(30);
        return McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp }),
            options,
            cancellationToken: TestContext.Timeout);
    }

    /// <summary>Calls server-everything's <c>echo</c> and returns the text it answered.</summary>
    public static async Task<string> EchoAsync(this McpClient client, string message)
    {
        var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = message }, cancellationToken: TestContext.Timeout);
        return ((TextContentBlock)result.Content[0]).Text;
    }
}

/// <summary>A bound on how long any single test step may wait.</summary>
internal static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}

/// <summary>The two protocol eras the gateway serves.</summary>
internal static class Revisions
{
    /// <summary>Initialize handshake and sessions.</summary>
    public const string Sessions = "2025-11-25";

    /// <summary>No handshake, no session: per-request metadata.</summary>
    public const string Stateless = "2026-07-28";
}
