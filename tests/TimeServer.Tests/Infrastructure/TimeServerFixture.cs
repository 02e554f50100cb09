using ModelContextProtocol.Client;

namespace TimeServer.Tests.Infrastructure;

/// <summary>One TimeServer process started with <c>--local-timezone Europe/Paris</c>, shared by a test class.</summary>
public sealed class TimeServerFixture : IAsyncLifetime
{
    /// <summary>The local zone the shared server is told to offer.</summary>
    public const string LocalTimeZone = "Europe/Paris";

    private McpClient? _client;

    /// <summary>The client connected to the shared server.</summary>
    public McpClient Client => _client ?? throw new InvalidOperationException("The fixture has not started the server.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _client = await TimeServerProcess.StartAsync(["--local-timezone", LocalTimeZone]);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
