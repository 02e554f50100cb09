using System.Text.Json;

namespace McpBridge.Gateway.CommandLine;

/// <summary>
/// Reads the <c>{"mcpServers": {"NAME": {"command", "args", "env", "cwd"}}}</c> file that Claude Desktop,
/// Cursor and most MCP tools use, as <c>Servers:NAME:*</c> configuration keys.
/// </summary>
internal static class McpServersFile
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"--config: the file '{path}' does not exist. Pass the path of an mcpServers JSON file.");
        }

        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException)
        {
            throw new InvalidOperationException($"--config: '{path}' is not valid JSON: {ex.GetBaseException().Message}", ex);
        }

        var servers = file.GetSection("mcpServers");
        if (!servers.Exists())
        {
            throw new InvalidOperationException($"--config: '{path}' has no \"mcpServers\" object. Expected {{\"mcpServers\": {{\"NAME\": {{\"command\": ..., \"args\": [...]}}}}}}.");
        }

        return servers.AsEnumerable(makePathsRelative: true)
            .Select(pair => new KeyValuePair<string, string?>($"Servers:{pair.Key}", pair.Value))
            .ToList();
    }
}
