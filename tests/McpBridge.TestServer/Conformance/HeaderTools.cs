using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// A tool with an argument mirrored into an HTTP header (<c>x-mcp-header</c>, SEP-2243), for
/// the <c>http-custom-header-server-validation</c> scenario; the HTTP front end checks the header.
/// </summary>
[McpServerToolType]
internal static class HeaderTools
{
    [McpServerTool(Name = "test_header_tool"), Description("A tool with x-mcp-header annotations for conformance testing")]
    public static string HeaderTool(
        [McpHeader("Region"), Description("The deployment region")] string region,
        [Description("The query to execute")] string query) =>
        $"Executed in region {region}: {query}";
}
