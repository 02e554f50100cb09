namespace McpBridge.Router.Configuration;

/// <summary>A replica's base address: an absolute http or https URL with no path, query or fragment.</summary>
internal static class ReplicaAddress
{
    /// <summary>The address in canonical form (<c>http://host:port/</c>), or null if <paramref name="text"/> is not one.</summary>
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : null;
}
