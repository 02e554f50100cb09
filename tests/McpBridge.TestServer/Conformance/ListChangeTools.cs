using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// Hooks that change a list (by adding or removing one dynamic entry), so the SDK sends
/// <c>notifications/{tools,prompts,resources}/list_changed</c> to the client.
/// </summary>
[McpServerToolType]
internal static class ListChangeTools
{
    private const string Triggered = "Mutation triggered";

    [McpServerTool(Name = "test_trigger_tool_change"), Description("Adds or removes test_dynamic_tool, so the tool list changes")]
    public static string TriggerToolChange(McpServer server)
    {
        Toggle(server.ServerOptions.ToolCollection, "test_dynamic_tool", static () => McpServerTool.Create(
            static () => "This tool comes and goes with test_trigger_tool_change.",
            new McpServerToolCreateOptions { Name = "test_dynamic_tool", Description = "A tool that test_trigger_tool_change adds and removes" }));
        return Triggered;
    }

    [McpServerTool(Name = "test_trigger_prompt_change"), Description("Adds or removes test_dynamic_prompt, so the prompt list changes")]
    public static string TriggerPromptChange(McpServer server)
    {
        Toggle(server.ServerOptions.PromptCollection, "test_dynamic_prompt", static () => McpServerPrompt.Create(
            static () => "This prompt comes and goes with test_trigger_prompt_change.",
            new McpServerPromptCreateOptions { Name = "test_dynamic_prompt", Description = "A prompt that test_trigger_prompt_change adds and removes" }));
        return Triggered;
    }

    [McpServerTool(Name = "test_trigger_resource_change"), Description("Adds or removes test://dynamic-resource, so the resource list changes")]
    public static string TriggerResourceChange(McpServer server)
    {
        Toggle(server.ServerOptions.ResourceCollection, "test://dynamic-resource", static () => McpServerResource.Create(
            static () => "This resource comes and goes with test_trigger_resource_change.",
            new McpServerResourceCreateOptions
            {
                UriTemplate = "test://dynamic-resource",
                Name = "dynamic-resource",
                Description = "A resource that test_trigger_resource_change adds and removes",
                MimeType = "text/plain",
            }));
        return Triggered;
    }

    private static void Toggle<T>(McpServerPrimitiveCollection<T>? collection, string id, Func<T> create)
        where T : IMcpServerPrimitive
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (collection.TryGetPrimitive(id, out var existing))
        {
            collection.Remove(existing);
        }
        else
        {
            collection.Add(create());
        }
    }
}
