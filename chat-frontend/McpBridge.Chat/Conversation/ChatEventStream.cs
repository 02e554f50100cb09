using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using McpBridge.Chat.Gateway;
using Microsoft.Extensions.AI;

namespace McpBridge.Chat.Conversation;

/// <summary>
/// The events of one chat turn, as Server-Sent Events for the browser: <c>text</c> (a delta), <c>text_end</c> (the
/// finished text block as safe HTML), <c>tool_call</c> and <c>tool_result</c> (a card), <c>done</c> (the messages to
/// add to the history) and <c>error</c>.
/// </summary>
internal sealed class ChatEventStream(MarkdownRenderer markdown) : IToolCallObserver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly Channel<SseItem<string>> _events = Channel.CreateUnbounded<SseItem<string>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _calls = [];
    private readonly StringBuilder _text = new();

    public IAsyncEnumerable<SseItem<string>> ReadAllAsync(CancellationToken cancellationToken) => _events.Reader.ReadAllAsync(cancellationToken);

    public void Text(string delta)
    {
        _text.Append(delta);
        Write("text", new { delta });
    }

    public void Started(string callId, string name, AIFunctionArguments arguments)
    {
        EndText();
        _calls.Add(callId);
        Write("tool_call", new { id = callId, name, arguments = JsonSerializer.SerializeToElement(arguments, AIJsonUtilities.DefaultOptions) });
    }

    public void Finished(string callId, string name, ToolCallOutcome outcome) =>
        Write("tool_result", new
        {
            id = callId,
            name,
            isError = outcome.IsError,
            result = outcome.Text,
            durationMs = Math.Round(outcome.Duration.TotalMilliseconds, 1),
            gatewayDown = outcome.GatewayDown ? true : (bool?)null,
        });

    /// <summary>A result the loop made without calling a tool (Claude asked for one that does not exist).</summary>
    public void ResultSeen(FunctionResultContent result, string? name)
    {
        if (_calls.Add(result.CallId))
        {
            EndText();
            Write("tool_call", new { id = result.CallId, name, arguments = new { } });
            Write("tool_result", new { id = result.CallId, name, isError = true, result = result.Result?.ToString(), durationMs = 0 });
        }
    }

    public void Done(IReadOnlyList<WireMessage> messages, string? finishReason)
    {
        EndText();
        Write("done", new { messages, finishReason });
    }

    public void Error(string kind, string message)
    {
        EndText();
        Write("error", new { kind, message });
    }

    public void Complete() => _events.Writer.TryComplete();

    private void EndText()
    {
        if (_text.Length > 0)
        {
            Write("text_end", new { html = markdown.ToHtml(_text.ToString()) });
            _text.Clear();
        }
    }

    private void Write(string type, object data)
    {
        _events.Writer.TryWrite(new SseItem<string>(JsonSerializer.Serialize(data, Json), type));
    }
}
