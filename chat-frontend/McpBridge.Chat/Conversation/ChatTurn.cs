using Anthropic.Exceptions;
using McpBridge.Chat.Configuration;
using McpBridge.Chat.Gateway;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace McpBridge.Chat.Conversation;

/// <summary>
/// One chat turn: the whole history and the gateway's tools go to Claude; the function-invoking loop calls the tools
/// Claude asks for (several per round, several rounds) and sends the results back until Claude stops.
/// </summary>
internal sealed partial class ChatTurn(
    ClaudeChatClient claude, GatewayConnection gateway, IOptions<ClaudeOptions> options, ILogger<ChatTurn> logger)
{
    private readonly ClaudeOptions _options = options.Value;

    public bool Enabled => claude.Client is not null;

    /// <summary>Runs the turn and reports it on <paramref name="events"/>, which it completes; it never throws.</summary>
    public async Task StreamAsync(IReadOnlyList<WireMessage> history, ChatEventStream events, CancellationToken cancellationToken)
    {
        try
        {
            var messages = Prepare(history);
            var chatOptions = await ChatOptionsAsync(events, cancellationToken);
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in Client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    if (content is TextContent { Text.Length: > 0 } text && update.Role != ChatRole.Tool)
                    {
                        events.Text(text.Text);
                    }
                    else if (content is FunctionResultContent result)
                    {
                        events.ResultSeen(result, NameOf(result.CallId, updates));
                    }
                }
            }

            var response = updates.ToChatResponse();
            events.Done(WireMapping.ToWire(response.Messages), response.FinishReason?.Value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser pressed Stop or went away: the Claude call and any running tool call were cancelled with it.
            LogStopped(logger);
        }
        catch (Exception ex)
        {
            var failure = Classify(ex);
            events.Error(failure.Kind, failure.Message);
        }
        finally
        {
            events.Complete();
        }
    }

    /// <summary>Runs the turn without streaming and returns the messages it added.</summary>
    public async Task<ChatResponse> RespondAsync(IReadOnlyList<WireMessage> history, CancellationToken cancellationToken)
    {
        var messages = Prepare(history);
        var chatOptions = await ChatOptionsAsync(NullObserver.Instance, cancellationToken);
        return await Client.GetResponseAsync(messages, chatOptions, cancellationToken);
    }

    /// <summary>What went wrong, said for people; a bug is logged and reported as such.</summary>
    public TurnFailure Classify(Exception exception)
    {
        switch (exception)
        {
            case GatewayUnavailableException gatewayDown:
                return new TurnFailure("gateway", gatewayDown.Message);
            case WireFormatException badHistory:
                return new TurnFailure("request", badHistory.Message);
            case AnthropicApiException claudeError:
                LogClaudeFailed(logger, claudeError.Message);
                return new TurnFailure("claude", $"Claude answered with an error: {claudeError.Message}");
            case HttpRequestException or TimeoutException or TaskCanceledException:
                LogClaudeFailed(logger, exception.Message);
                return new TurnFailure("claude", $"Claude could not be reached: {exception.Message}");
            default:
                LogTurnFailed(logger, exception);
                return new TurnFailure("internal", "Something went wrong in the chat service; the details are in its log.");
        }
    }

    private IChatClient Client => claude.Client ?? throw new InvalidOperationException("The chat is off: no Anthropic API key is configured.");

    private List<ChatMessage> Prepare(IReadOnlyList<WireMessage> history)
    {
        var messages = WireMapping.ToChatMessages(history);
        if (!string.IsNullOrWhiteSpace(_options.SystemPrompt))
        {
            messages.Insert(0, new ChatMessage(ChatRole.System, _options.SystemPrompt));
        }

        return messages;
    }

    private async Task<ChatOptions> ChatOptionsAsync(IToolCallObserver observer, CancellationToken cancellationToken)
    {
        var tools = await gateway.ListToolsAsync(cancellationToken);
        return new ChatOptions
        {
            Tools = [.. tools.Select(AITool (tool) => new GatewayTool(tool, gateway, observer, logger))],
            AllowMultipleToolCalls = true,
        };
    }

    private static string? NameOf(string callId, List<ChatResponseUpdate> updates) =>
        updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().FirstOrDefault(c => c.CallId == callId)?.Name;

    private sealed class NullObserver : IToolCallObserver
    {
        public static readonly NullObserver Instance = new();

        public void Started(string callId, string name, AIFunctionArguments arguments)
        {
        }

        public void Finished(string callId, string name, ToolCallOutcome outcome)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A chat turn was stopped by the browser")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claude failed: {Reason}")]
    private static partial void LogClaudeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A chat turn failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception);
}
