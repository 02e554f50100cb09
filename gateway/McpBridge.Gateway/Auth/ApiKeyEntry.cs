namespace McpBridge.Gateway.Auth;

/// <summary>One configured API key as read, with where it came from for error messages (never the secret).</summary>
/// <param name="Name">Who the key is.</param>
/// <param name="Secret">What a client sends.</param>
/// <param name="Source">The configuration key or file line it came from, such as <c>Auth:Keys:alice</c>.</param>
internal sealed record ApiKeyEntry(string Name, string Secret, string Source)
{
    /// <summary>Every configured key, from <c>Auth:Keys</c> then <c>Auth:KeysFile</c>, and the problems of reading the file.</summary>
    public static (IReadOnlyList<ApiKeyEntry> Keys, IReadOnlyList<string> Problems) ReadAll(AuthOptions options)
    {
        List<ApiKeyEntry> keys = [.. options.Keys.Select(pair => new ApiKeyEntry(pair.Key, pair.Value ?? "", $"{AuthOptions.SectionName}:Keys:{pair.Key}"))];
        if (string.IsNullOrEmpty(options.KeysFile))
        {
            return (keys, []);
        }

        var file = ApiKeysFile.Read(options.KeysFile);
        keys.AddRange(file.Keys);
        return (keys, file.Problems);
    }
}
