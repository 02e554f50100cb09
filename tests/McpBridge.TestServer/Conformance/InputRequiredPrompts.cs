using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>The prompt of the <c>input-required-result-non-tool-request</c> scenario: input is not only for tools.</summary>
[McpServerPromptType]
internal static class InputRequiredPrompts
{
    [McpServerPrompt(Name = "test_input_required_result_prompt"), Description("MRTR: prompt that asks the user for context (input 'user_context')")]
    public static async Task<string> PromptWithInput(McpServer server, CancellationToken cancellationToken)
    {
        var result = await server.ElicitAsync(
            Requests.Elicitation("What context should the prompt use?", "context", new ElicitRequestParams.StringSchema()).WithInputKey("user_context"),
            cancellationToken);
        return $"Prompt with context: {Requests.FieldOf(result, "context")}";
    }
}
