namespace McpBridge.Configuration;

/// <summary>The gateway's servers and session limits (configuration section <c>Bridge</c>, servers under <c>Servers</c>).</summary>
public sealed class BridgeOptions
{
    /// <summary>The configuration section the session settings bind from.</summary>
    public const string SectionName = "Bridge";

    /// <summary>The servers by name; each is served at <c>/servers/NAME/mcp</c>, a single one also at <c>/mcp</c>.</summary>
    public IDictionary<string, ServerOptions> Servers { get; set; } =
        new Dictionary<string, ServerOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A session with no request for this long is ended and its child stopped. Default 10 min.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most sessions open at once over all servers; beyond it new sessions get 503. Default 1000.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>
    /// This replica's name, the prefix of every session id and request state it hands out (<c>REPLICA.ID</c>), so
    /// that a router sends a session's requests back to it. Letters, digits and '-'; default: random at start.
    /// </summary>
    public string ReplicaId { get; set; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>On shutdown, how long running calls may finish before the children are stopped. Default 20 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
