namespace McpBridge.Gateway.Auth;

/// <summary>Names of the API-key authentication scheme and of what it answers.</summary>
internal static class ApiKeyDefaults
{
    /// <summary>The authentication scheme's name.</summary>
    public const string AuthenticationScheme = "ApiKey";

    /// <summary>The realm of the <c>WWW-Authenticate</c> challenge.</summary>
    public const string Realm = "McpBridge";

    /// <summary>The header a key may come in besides <c>Authorization: Bearer</c>.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>The authorization policy of <c>/status</c>: a key if <see cref="AuthOptions.ProtectStatus"/>, else open.</summary>
    public const string StatusPolicy = "status";
}
