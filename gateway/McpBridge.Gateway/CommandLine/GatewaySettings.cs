namespace McpBridge.Gateway.CommandLine;

/// <summary>What the command line asked for, as configuration the host binds like any other source.</summary>
internal sealed record GatewaySettings(string? Urls, string? ConfigFile, string ServerName, IReadOnlyList<string> Command, bool InheritEnv, string[] HostArgs)
{
    /// <summary>
    /// The configuration keys that the command line sets (they win over appsettings and environment); the servers of
    /// <see cref="ConfigFile"/> come from its own source, which follows the file (<see cref="McpServersFileSource"/>).
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration()
    {
        if (Urls is not null)
        {
            yield return new("urls", Urls);
        }

        if (Command.Count > 0)
        {
            var key = $"Servers:{ServerName}";
            yield return new($"{key}:Command", Command[0]);
            for (var i = 1; i < Command.Count; i++)
            {
                yield return new($"{key}:Args:{i - 1}", Command[i]);
            }

            if (InheritEnv)
            {
                yield return new($"{key}:InheritEnv", "true");
            }
        }
    }
}
