using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>The <c>completion/complete</c> handler: suggestions for the prompt arguments and the template's <c>id</c>.</summary>
internal static class CompletionHandler
{
    private static readonly string[] s_words = ["paris", "park", "party", "test", "testing", "hello", "world"];
    private static readonly string[] s_ids = ["1", "2", "3", "42", "123"];

    /// <summary>Suggests the candidates that start with what the client has typed so far.</summary>
    public static ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> context, CancellationToken cancellationToken)
    {
        var typed = context.Params?.Argument.Value ?? string.Empty;
        var candidates = context.Params?.Ref switch
        {
            PromptReference { Name: "test_prompt_with_arguments" } => s_words,
            ResourceTemplateReference { Uri: "test://template/{id}/data" } => s_ids,
            _ => [],
        };
        var values = candidates.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
        return ValueTask.FromResult(new CompleteResult
        {
            Completion = new Completion { Values = values, Total = values.Count, HasMore = false },
        });
    }
}
