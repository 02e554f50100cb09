namespace McpBridge.Gateway.Auth;

/// <summary>
/// API-key authentication of the MCP endpoints (configuration section <c>Auth</c>). Off unless a key is configured:
/// by <c>Keys</c> (<c>Auth__Keys__alice=SECRET</c>) or <c>KeysFile</c>.
/// </summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The shortest secret accepted: long enough that guessing is hopeless.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>The longest secret accepted (and the longest presented key that is looked at).</summary>
    public const int MaximumSecretLength = 1024;

    /// <summary>The API keys by name. The name is who a request is (sessions belong to it, limits count by it, logs show it); the secret is what a client sends.</summary>
    public IDictionary<string, string> Keys { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A file of more keys, one <c>name:secret</c> a line; blank lines and lines starting with <c>#</c> are skipped. Read once at start.</summary>
    public string? KeysFile { get; set; }

    /// <summary>
    /// Whether <c>GET /status</c> needs a key too. Default <see langword="false"/>: it shows load figures only, and
    /// routers poll it without a key.
    /// </summary>
    public bool ProtectStatus { get; set; }

    /// <summary>
    /// Whether the configuration asks for authentication (any key, or a keys file), read before the options are
    /// bound: the authentication services are registered only then, so that a gateway without keys pays nothing.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        return section.GetSection(nameof(Keys)).GetChildren().Any() || !string.IsNullOrEmpty(section[nameof(KeysFile)]);
    }
}
