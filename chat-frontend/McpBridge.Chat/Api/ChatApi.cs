using McpBridge.Chat.Conversation;

namespace McpBridge.Chat.Api;

/// <summary><c>POST /api/chat</c>: one chat turn, streamed to the browser as Server-Sent Events (or as one JSON answer).</summary>
internal static class ChatApi
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/chat", ChatAsync).RequireRateLimiting(ChatEdgeExtensions.RatePolicy);
        return endpoints;
    }

    private static async Task<IResult> ChatAsync(ChatRequest request, ChatTurn turn, MarkdownRenderer markdown, HttpContext http)
    {
        if (!turn.Enabled)
        {
            return TypedResults.Problem(
                title: "The chat is off",
                detail: "No Anthropic API key is configured: set ANTHROPIC_API_KEY and restart the chat service. The Tools panel works without one.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var history = request.Messages ?? [];
        try
        {
            _ = WireMapping.ToChatMessages(history);
        }
        catch (WireFormatException ex)
        {
            return TypedResults.Problem(title: "The conversation is not well formed", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var cancellationToken = http.RequestAborted;
        if (request.Stream is false)
        {
            return await RespondAsync(turn, markdown, history, cancellationToken);
        }

        var events = new ChatEventStream(markdown);
        _ = turn.StreamAsync(history, events, cancellationToken);
        return TypedResults.ServerSentEvents(events.ReadAllAsync(cancellationToken));
    }

    private static async Task<IResult> RespondAsync(ChatTurn turn, MarkdownRenderer markdown, IReadOnlyList<WireMessage> history, CancellationToken cancellationToken)
    {
        try
        {
            var response = await turn.RespondAsync(history, cancellationToken);
            return TypedResults.Ok(new ChatAnswer(WireMapping.ToWire(response.Messages), response.FinishReason?.Value, markdown.ToHtml(response.Text)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = turn.Classify(ex);
            return TypedResults.Problem(title: failure.Kind, detail: failure.Message, statusCode: failure.Kind switch
            {
                "request" => StatusCodes.Status400BadRequest,
                "internal" => StatusCodes.Status500InternalServerError,
                _ => StatusCodes.Status502BadGateway,
            });
        }
    }

    private sealed record ChatAnswer(IReadOnlyList<WireMessage> Messages, string? FinishReason, string Html);
}
