using ModelContextProtocol.Client;

namespace McpBridge.Tests.Infrastructure;

/// <summary>The official C# MCP client over Streamable HTTP, as any user would connect.</summary>
internal static class Clients
{
    /// <summary>
    /// Connects with the given protocol revision: 2025-11-25 gets a session, 2026-07-28 is served statelessly.
    /// <paramref name="headers"/> go with every request (an API key, say).
    /// </summary>
    public static Task<McpClient> ConnectAsync(Uri url, string revision = Revisions.Sessions, McpClientOptions? options = null,
        IDictionary<string, string>? headers = null)
    {
        options ??= new McpClientOptions();
        options.ProtocolVersion = revision;

        // A slow first answer on a busy machine must not make the client fall back to initialize, which hides errors.
        options.DiscoverProbeTimeout = TimeSpan.FromSeconds(30);
        return McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = url,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = headers,
            }),
            options,
            cancellationToken: TestContext.Timeout);
    }
}

/// <summary>A bound on how long any single test step may wait.</summary>
internal static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}

/// <summary>The two protocol eras the gateway serves.</summary>
public static class Revisions
{
    /// <summary>Initialize handshake and sessions.</summary>
    public const string Sessions = "2025-11-25";

    /// <summary>No handshake, no session: server/discover and per-request metadata.</summary>
    public const string Stateless = "2026-07-28";

    public static TheoryData<string> Both => new() { Sessions, Stateless };
}
