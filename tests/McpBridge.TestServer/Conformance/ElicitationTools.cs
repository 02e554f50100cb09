using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>Tools that ask the user for input (<c>elicitation/create</c>) while they run.</summary>
[McpServerToolType]
internal static class ElicitationTools
{
    [McpServerTool(Name = "test_elicitation"), Description("Tests server-initiated elicitation (user input request)")]
    public static Task<string> Elicitation(
        McpServer server,
        [Description("The message to show the user")] string message,
        CancellationToken cancellationToken) =>
        ElicitAsync(
            server,
            Requests.Elicitation(message, "response", new ElicitRequestParams.StringSchema { Description = "User's response" }),
            "User response: ",
            cancellationToken);

    [McpServerTool(Name = "test_elicitation_sep1034_defaults"), Description("Tests elicitation with default values per SEP-1034")]
    public static Task<string> ElicitationWithDefaults(McpServer server, CancellationToken cancellationToken) =>
        ElicitAsync(server, ElicitationSchemas.WithDefaults(), "Elicitation completed: ", cancellationToken);

    [McpServerTool(Name = "test_elicitation_sep1330_enums"), Description("Tests elicitation with enum schema improvements per SEP-1330")]
    public static Task<string> ElicitationWithEnums(McpServer server, CancellationToken cancellationToken) =>
        ElicitAsync(server, ElicitationSchemas.WithEnums(), "Elicitation completed: ", cancellationToken);

    private static async Task<string> ElicitAsync(
        McpServer server, ElicitRequestParams request, string prefix, CancellationToken cancellationToken)
    {
        try
        {
            var result = await server.ElicitAsync(request, cancellationToken);
            return prefix + Requests.Describe(result);
        }
        catch (Exception ex) when (ex is McpException or InvalidOperationException)
        {
            return $"Elicitation not supported or error: {ex.Message}";
        }
    }
}
