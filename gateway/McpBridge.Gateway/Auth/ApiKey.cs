using System.Security.Claims;

namespace McpBridge.Gateway.Auth;

/// <summary>A configured API key as the gateway keeps it: its name, the SHA-256 of its secret, and the user it authenticates.</summary>
internal sealed class ApiKey(string name, byte[] secretHash)
{
    public string Name { get; } = name;

    /// <summary>SHA-256 of the secret's UTF-8 bytes: compared in constant time, and of one length whatever the secret's.</summary>
    public byte[] SecretHash { get; } = secretHash;

    /// <summary>
    /// The user a request with this key is, built once: its name identifier claim is the key's name, which the
    /// bridge and the MCP SDK bind sessions to.
    /// </summary>
    public ClaimsPrincipal User { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, name), new Claim(ClaimTypes.Name, name)], ApiKeyDefaults.AuthenticationScheme));
}
