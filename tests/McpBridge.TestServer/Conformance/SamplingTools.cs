using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>Tools that ask the client for an LLM completion (<c>sampling/createMessage</c>) while they run.</summary>
[McpServerToolType]
internal static class SamplingTools
{
    [McpServerTool(Name = "test_sampling"), Description("Tests server-initiated sampling (LLM completion request)")]
    public static async Task<string> Sampling(
        McpServer server,
        [Description("The prompt to send to the LLM")] string prompt,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await server.SampleAsync(Requests.Sampling(prompt, maxTokens: 100), cancellationToken);
            return $"LLM response: {Requests.TextOf(result)}";
        }
        catch (Exception ex) when (ex is McpException or InvalidOperationException)
        {
            return $"Sampling not supported or error: {ex.Message}";
        }
    }

    // Needs sampling and does not hide its absence: without it the answer is -32021
    // (MissingRequiredClientCapability). Through a gateway the child usually sees the
    // gateway's capabilities, so there the gateway must answer -32021 for a 2026-07-28
    // caller that cannot take the sampling request this tool then sends.
    [McpServerTool(Name = "test_missing_capability"), Description("Test tool requiring sampling")]
    public static async Task<string> MissingCapability(McpServer server, CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Sampling is null)
        {
            throw MissingCapability("sampling");
        }

        await server.SampleAsync(Requests.Sampling("Sample request", maxTokens: 50).WithInputKey("sample_input"), cancellationToken);
        return "Success";
    }

    private static McpProtocolException MissingCapability(string capability)
    {
        var exception = new McpProtocolException(
            $"This tool needs the client capability '{capability}', which the client did not declare.",
            McpErrorCode.MissingRequiredClientCapability);
        exception.Data["requiredCapabilities"] = JsonSerializer.SerializeToElement(
            new Dictionary<string, object> { [capability] = new Dictionary<string, object>() }, McpJsonUtilities.DefaultOptions);
        return exception;
    }
}
