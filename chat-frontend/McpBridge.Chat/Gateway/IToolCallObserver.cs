using Microsoft.Extensions.AI;

namespace McpBridge.Chat.Gateway;

/// <summary>Hears about each tool call as it starts and ends, to show it while it runs.</summary>
internal interface IToolCallObserver
{
    void Started(string callId, string name, AIFunctionArguments arguments);

    void Finished(string callId, string name, ToolCallOutcome outcome);
}
