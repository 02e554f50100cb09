using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// The tools of the <c>input-required-result-*</c> (SEP-2322) scenarios, written the classic
/// way: each sends its elicitation, sampling and roots requests to the client while it runs
/// (several at once where the scenario wants several inputs, one round after another where it
/// wants several rounds). A gateway turns those requests into input-required results for
/// 2026-07-28 clients; each request names its input with <see cref="InputKeys"/>.
/// </summary>
[McpServerToolType]
internal static class InputRequiredTools
{
    [McpServerTool(Name = "test_input_required_result_elicitation"), Description("MRTR: asks for the user's name (input 'user_name')")]
    public static async Task<string> Elicitation(McpServer server, CancellationToken cancellationToken)
    {
        var result = await server.ElicitAsync(AskName("What is your name?").WithInputKey("user_name"), cancellationToken);
        return $"Hello, {Requests.FieldOf(result, "name")}!";
    }

    [McpServerTool(Name = "test_input_required_result_sampling"), Description("MRTR: asks the client's LLM a question (input 'capital_question')")]
    public static async Task<string> Sampling(McpServer server, CancellationToken cancellationToken)
    {
        var result = await server.SampleAsync(
            Requests.Sampling("What is the capital of France?", maxTokens: 100).WithInputKey("capital_question"), cancellationToken);
        return $"Sampling result: {Requests.TextOf(result)}";
    }

    [McpServerTool(Name = "test_input_required_result_list_roots"), Description("MRTR: asks for the client's roots (input 'client_roots')")]
    public static async Task<string> ListRoots(McpServer server, CancellationToken cancellationToken)
    {
        var result = await server.RequestRootsAsync(new ListRootsRequestParams().WithInputKey("client_roots"), cancellationToken);
        return $"Found {result.Roots.Count} root(s)";
    }

    [McpServerTool(Name = "test_input_required_result_request_state"), Description("MRTR: asks for a confirmation (input 'confirm'); the request state is the front end's")]
    public static async Task<string> RequestState(McpServer server, CancellationToken cancellationToken)
    {
        var result = await server.ElicitAsync(AskConfirmation().WithInputKey("confirm"), cancellationToken);
        return IsConfirmed(result)
            ? "state-ok: requestState validated and confirmation received"
            : $"state-ok: requestState validated, confirmation not given ({result.Action})";
    }

    [McpServerTool(Name = "test_input_required_result_multiple_inputs"), Description("MRTR: asks for a name, a greeting and the roots at once")]
    public static async Task<string> MultipleInputs(McpServer server, CancellationToken cancellationToken)
    {
        var name = server.ElicitAsync(AskName("What is your name?").WithInputKey("user_name"), cancellationToken).AsTask();
        var greeting = server.SampleAsync(Requests.Sampling("Generate a greeting", maxTokens: 50).WithInputKey("greeting"), cancellationToken).AsTask();
        var roots = server.RequestRootsAsync(new ListRootsRequestParams().WithInputKey("client_roots"), cancellationToken).AsTask();
        await Task.WhenAll(name, greeting, roots);
        return $"Name: {Requests.FieldOf(await name, "name")}; Greeting: {Requests.TextOf(await greeting)}; Roots: {(await roots).Roots.Count}";
    }

    [McpServerTool(Name = "test_input_required_result_multi_round"), Description("MRTR: asks for a name, then for a favourite colour (inputs 'step1', 'step2')")]
    public static async Task<string> MultiRound(McpServer server, CancellationToken cancellationToken)
    {
        var name = await server.ElicitAsync(AskName("Step 1: What is your name?").WithInputKey("step1"), cancellationToken);
        var color = await server.ElicitAsync(
            Requests.Elicitation("Step 2: What is your favorite color?", "color", new ElicitRequestParams.StringSchema()).WithInputKey("step2"),
            cancellationToken);
        return $"Multi-round complete for {Requests.FieldOf(name, "name")} who likes {Requests.FieldOf(color, "color")}";
    }

    [McpServerTool(Name = "test_input_required_result_tampered_state"), Description("MRTR: asks for a confirmation; the front end must refuse a tampered request state")]
    public static async Task<string> TamperedState(McpServer server, CancellationToken cancellationToken)
    {
        await server.ElicitAsync(AskConfirmation().WithInputKey("confirm"), cancellationToken);
        return "integrity-ok: state verified";
    }

    [McpServerTool(Name = "test_input_required_result_capabilities"), Description("MRTR: asks only for what the client declared it can give (elicitation, sampling)")]
    public static async Task<string> Capabilities(McpServer server, CancellationToken cancellationToken)
    {
        var capabilities = server.ClientCapabilities;
        var received = new List<Task<string?>>();
        if (capabilities?.Elicitation is not null)
        {
            received.Add(TryAsync("elicit_input", async () =>
                await server.ElicitAsync(
                    Requests.Elicitation("Elicitation input", "value", new ElicitRequestParams.StringSchema()).WithInputKey("elicit_input"),
                    cancellationToken)));
        }

        if (capabilities?.Sampling is not null)
        {
            received.Add(TryAsync("sample_input", async () =>
                await server.SampleAsync(Requests.Sampling("Sample request", maxTokens: 50).WithInputKey("sample_input"), cancellationToken)));
        }

        var names = (await Task.WhenAll(received)).OfType<string>().ToArray();
        return names.Length == 0
            ? "No supported capabilities declared"
            : $"capabilities-ok: received {string.Join(',', names)}";
    }

    [McpServerTool(Name = "test_streaming_elicitation"), Description("Diagnostic tool: reports progress, then asks for a confirmation (input 'confirm')")]
    public static async Task<string> StreamingElicitation(
        McpServer server, RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        if (context.Params?.ProgressToken is { } token)
        {
            await server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = 50, Total = 100 }, cancellationToken: cancellationToken);
        }

        try
        {
            var result = await server.ElicitAsync(AskConfirmation().WithInputKey("confirm"), cancellationToken);
            return $"Streaming complete: {result.Action}";
        }
        catch (Exception ex) when (ex is McpException or InvalidOperationException)
        {
            return $"Streaming complete (no elicitation: {ex.Message})";
        }
    }

    private static ElicitRequestParams AskName(string message) =>
        Requests.Elicitation(message, "name", new ElicitRequestParams.StringSchema());

    private static ElicitRequestParams AskConfirmation() =>
        Requests.Elicitation("Please confirm", "ok", new ElicitRequestParams.BooleanSchema());

    private static bool IsConfirmed(ElicitResult result) =>
        result.IsAccepted && result.Content is { } content && content.TryGetValue("ok", out var ok) && ok.ValueKind == System.Text.Json.JsonValueKind.True;

    // One input the client cannot give must not sink the others: report it as missing.
    private static async Task<string?> TryAsync(string name, Func<Task<object>> request)
    {
        try
        {
            await request();
            return name;
        }
        catch (Exception ex) when (ex is McpException or InvalidOperationException)
        {
            return null;
        }
    }
}
