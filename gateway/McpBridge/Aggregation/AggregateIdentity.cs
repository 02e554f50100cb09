using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpBridge.Relay;
using McpBridge.Sessions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.Aggregation;

/// <summary>
/// What the aggregated endpoint answers to <c>initialize</c>: the union of its running servers' capabilities (lists
/// announce changes, since a server that stops takes its entries away), the gateway's name and version, and each
/// server's instructions under a heading of its name.
/// </summary>
internal static class AggregateIdentity
{
    public const string ServerName = "mcpbridge";

    /// <summary>The raw <c>initialize</c> result of a session of these members.</summary>
    public static JsonObject Of(IReadOnlyList<SessionMember> members)
    {
        var running = members.Where(member => member.Identity is not null).ToArray();
        var capabilities = new JsonObject();
        foreach (var member in running)
        {
            if (member.Identity!.InitializeResultJson["capabilities"] is JsonObject own)
            {
                Union(capabilities, own);
            }
        }

        // Task-augmented requests (tasks/*) name no server: they are served at /servers/NAME/mcp only.
        capabilities.Remove("tasks");
        foreach (var list in new[] { "tools", "prompts", "resources" })
        {
            if (capabilities[list] is JsonObject declared)
            {
                declared["listChanged"] = true;
            }
        }

        var result = new JsonObject
        {
            ["protocolVersion"] = running.FirstOrDefault()?.Identity!.InitializeResult.ProtocolVersion,
            ["capabilities"] = capabilities,
            ["serverInfo"] = new JsonObject
            {
                ["name"] = ServerName,
                ["title"] = "McpBridge: " + string.Join(", ", running.Select(member => member.Server.Name)),
                ["version"] = GatewayVersion.Value,
            },
        };
        if (Instructions(running) is { } instructions)
        {
            result["instructions"] = instructions;
        }

        return result;
    }

    /// <summary>The same result in the SDK's model, for the options it answers from.</summary>
    public static InitializeResult Model(JsonObject result) =>
        result.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<InitializeResult>())
            ?? throw new InvalidOperationException("The aggregated initialize result is empty.");

    private static string? Instructions(SessionMember[] running)
    {
        var text = new StringBuilder();
        foreach (var member in running)
        {
            if (member.Identity!.InitializeResult.Instructions is { Length: > 0 } instructions)
            {
                text.Append(text.Length == 0 ? "" : "\n\n").Append("## ").Append(member.Server.Name).Append("\n\n").Append(instructions.Trim());
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }

    /// <summary>Adds <paramref name="source"/>'s capabilities to <paramref name="target"/>: objects merge, a flag is set if any server sets it.</summary>
    private static void Union(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source)
        {
            if (target[name] is JsonObject into && value is JsonObject from)
            {
                Union(into, from);
            }
            else if (!target.ContainsKey(name) || value is JsonValue flag && flag.TryGetValue(out bool set) && set)
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
