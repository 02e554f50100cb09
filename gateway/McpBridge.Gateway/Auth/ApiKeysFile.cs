namespace McpBridge.Gateway.Auth;

/// <summary>
/// Reads <c>Auth:KeysFile</c>: one <c>name:secret</c> a line (the secret is everything after the first ':'), blank
/// lines and <c>#</c> comments skipped. A missing file, an unreadable one and bad lines are told apart.
/// </summary>
internal static class ApiKeysFile
{
    /// <summary>The keys of the file and the problems found in it (each naming the file and line, never a secret).</summary>
    public static (IReadOnlyList<ApiKeyEntry> Keys, IReadOnlyList<string> Problems) Read(string path)
    {
        var where = $"{AuthOptions.SectionName}:KeysFile '{path}'";
        if (!File.Exists(path))
        {
            return ([], [$"{where} does not exist: create it (one name:secret a line) or remove {AuthOptions.SectionName}:KeysFile."]);
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ([], [$"{where} cannot be read ({ex.Message.TrimEnd('.')}): let the gateway's user read it."]);
        }

        List<ApiKeyEntry> keys = [];
        List<string> problems = [];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problems.Add($"{where} line {i + 1} is not 'name:secret': write the key's name, a colon, then its secret.");
                continue;
            }

            var name = line[..colon].Trim();
            keys.Add(new ApiKeyEntry(name, line[(colon + 1)..].Trim(), $"{where} line {i + 1} ({name})"));
        }

        if (keys.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{where} has no keys: add lines of name:secret, or remove {AuthOptions.SectionName}:KeysFile to turn authentication off.");
        }

        return (keys, problems);
    }
}
