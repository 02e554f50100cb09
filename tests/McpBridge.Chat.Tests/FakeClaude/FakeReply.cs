using System.Text.Json.Nodes;

namespace McpBridge.Chat.Tests.FakeClaude;

/// <summary>
/// One scripted answer of the fake Messages API: text blocks (streamed chunk by chunk) and tool_use blocks, in order.
/// The stop reason is <c>tool_use</c> when there is a tool_use block, else <c>end_turn</c>.
/// </summary>
internal sealed record FakeReply
{
    public required IReadOnlyList<FakeBlock> Blocks { get; init; }

    /// <summary>When set, streaming pauses before text chunk <see cref="GateAtChunk"/> until this task completes.</summary>
    public Task? Gate { get; init; }

    public int GateAtChunk { get; init; }

    /// <summary>After the first text chunk, the stream waits until the client goes away (to test Stop).</summary>
    public bool HangAfterFirstChunk { get; init; }

    public string StopReason => Blocks.Any(b => b is FakeToolUse) ? "tool_use" : "end_turn";

    public static FakeReply Text(params string[] chunks) => new() { Blocks = [new FakeText(chunks)] };

    public static FakeReply ToolUse(string id, string name, object input) =>
        new() { Blocks = [new FakeToolUse(id, name, JsonSerializerNode(input))] };

    public static FakeReply ToolUses(params (string Id, string Name, object Input)[] calls) =>
        new() { Blocks = [.. calls.Select(c => (FakeBlock)new FakeToolUse(c.Id, c.Name, JsonSerializerNode(c.Input)))] };

    public FakeReply Then(FakeReply next) => this with { Blocks = [.. Blocks, .. next.Blocks] };

    private static JsonObject JsonSerializerNode(object input) =>
        System.Text.Json.JsonSerializer.SerializeToNode(input)?.AsObject() ?? [];
}
