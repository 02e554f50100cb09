using System.Text.Json.Nodes;

namespace McpBridge.Tests.Infrastructure;

/// <summary>An <c>mcpServers</c> JSON file (as Claude Desktop writes it) in the temporary folder, for <c>--config</c>.</summary>
internal static class McpServersFile
{
    /// <summary>Writes the servers, each a name and its command line, and returns the file's path.</summary>
    public static async Task<string> WriteAsync(params (string Name, string[] Command)[] servers)
    {
        var entries = new JsonObject();
        foreach (var (name, command) in servers)
        {
            entries[name] = new JsonObject { ["command"] = command[0], ["args"] = new JsonArray([.. command[1..].Select(arg => (JsonNode)arg)]) };
        }

        var path = Path.Combine(Path.GetTempPath(), $"mcpbridge-servers-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, new JsonObject { ["mcpServers"] = entries }.ToJsonString());
        return path;
    }
}
