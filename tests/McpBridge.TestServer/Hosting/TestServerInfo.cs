using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Hosting;

/// <summary>Who the server says it is and what it says it can do.</summary>
internal static class TestServerInfo
{
    /// <summary>The name in <c>serverInfo</c>.</summary>
    public const string Name = "mcpbridge-test-server";

    /// <summary>
    /// Sets the server's identity and advertises every capability the conformance
    /// scenarios use: tools, prompts and resources with list changes, resource
    /// subscriptions, logging and completions.
    /// </summary>
    public static void Configure(McpServerOptions options)
    {
        options.ServerInfo = new Implementation { Name = Name, Version = "1.0.0" };
        options.Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability { ListChanged = true },
            Prompts = new PromptsCapability { ListChanged = true },
            Resources = new ResourcesCapability { Subscribe = true, ListChanged = true },
            Logging = new LoggingCapability(),
            Completions = new CompletionsCapability(),
        };
    }
}
