using System.Text.Json;
using McpBridge.Chat.Conversation;
using McpBridge.Chat.Gateway;
using Microsoft.Extensions.AI;

namespace McpBridge.Chat.Tests.Unit;

public sealed class WireMappingTests
{
    [Fact]
    public void Tool_calls_and_results_survive_the_round_trip_through_the_browser()
    {
        var arguments = JsonDocument.Parse("{\"timezone\":\"Asia/Tokyo\"}").RootElement;
        List<WireMessage> history =
        [
            new("user", [WirePart.FromText("Time in Tokyo?")]),
            new("assistant", [WirePart.FromText("Let me check."), new WirePart { Type = "tool_call", Id = "toolu_1", Name = "get_current_time", Arguments = arguments }]),
            new("tool", [new WirePart { Type = "tool_result", Id = "toolu_1", Result = "{\"timezone\":\"Asia/Tokyo\"}" }]),
            new("assistant", [WirePart.FromText("It is late.")]),
            new("tool", [new WirePart { Type = "tool_result", Id = "toolu_2", Result = "boom", IsError = true }]),
            new("user", [WirePart.FromText("Thanks")]),
        ];

        var messages = WireMapping.ToChatMessages(history);

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.Tool, ChatRole.User], messages.Select(m => m.Role));
        var call = Assert.IsType<FunctionCallContent>(messages[1].Contents[1]);
        Assert.Equal("toolu_1", call.CallId);
        Assert.Equal("Asia/Tokyo", ((JsonElement)call.Arguments!["timezone"]!).GetString());
        var result = Assert.IsType<FunctionResultContent>(messages[2].Contents[0]);
        Assert.Null(result.Exception);
        Assert.IsType<ToolCallFailedException>(((FunctionResultContent)messages[4].Contents[0]).Exception);

        var back = WireMapping.ToWire(messages.Skip(1).Take(4));
        Assert.Equal(["assistant", "tool", "assistant", "tool"], back.Select(m => m.Role));
        Assert.Equal("get_current_time", back[0].Content[1].Name);
        Assert.Equal("{\"timezone\":\"Asia/Tokyo\"}", back[1].Content[0].Result);
        Assert.True(back[3].Content[0].IsError);
    }

    [Theory]
    [InlineData("[]", "messages is empty")]
    [InlineData("[{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]", "messages[0].role is 'system'")]
    [InlineData("[{\"role\":\"user\",\"content\":[]}]", "messages[0].content is empty")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"tool_call\",\"id\":\"a\",\"name\":\"b\"}]}]", "messages[0].content[0].type is 'tool_call'")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]", "messages[0].content[0].text is missing")]
    [InlineData("[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_call\",\"name\":\"b\"}]},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]", "messages[0].content[0].id is missing")]
    [InlineData("[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]", "The last message must be the user's")]
    public void A_malformed_history_is_refused_with_the_place_of_the_problem(string json, string expected)
    {
        var history = JsonSerializer.Deserialize<List<WireMessage>>(json, JsonSerializerOptions.Web)!;

        var error = Assert.Throws<WireFormatException>(() => WireMapping.ToChatMessages(history));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
