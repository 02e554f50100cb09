using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McpBridge.Chat.Tests.FakeClaude;
using McpBridge.Chat.Tests.Infrastructure;

namespace McpBridge.Chat.Tests.Api;

/// <summary>
/// The Claude loop end to end: real gateway, real time server, real chat process, and a fake Messages API that
/// records what the chat sent to Claude.
/// </summary>
public sealed class ChatTurnTests : IAsyncLifetime
{
    private GatewayService _gateway = null!;
    private FakeClaudeServer _claude = null!;
    private ChatService _chat = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayService.StartTimeAsync();
        _claude = await FakeClaudeServer.StartAsync();
        _chat = await ChatService.StartAsync(_gateway.McpUrl, _claude);
        _http = _chat.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _chat.DisposeAsync();
        await _claude.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_tool_use_turn_calls_the_gateway_and_sends_the_real_result_back_to_Claude()
    {
        _claude
            .Reply(FakeReply.ToolUse("toolu_tokyo", "get_current_time", new { timezone = "Asia/Tokyo" }))
            .Reply(FakeReply.Text("In Tokyo it is ", "now **late**", "."));

        var events = (await ChatEvents.SendAsync(_http, [ChatEvents.User("What time is it in Tokyo?")])).ToList();

        // What Claude got first: the question, the gateway's tools with their schemas, streaming, the key as a bearer token.
        var first = await _claude.WaitForRequestAsync(1);
        Assert.True(first.Streamed);
        Assert.Equal($"Bearer {_claude.ApiKey}", first.Header("authorization"));
        Assert.False(string.IsNullOrEmpty(first.Header("anthropic-version")), "The SDK sends anthropic-version.");
        Assert.Equal("claude-sonnet-5-5", (string?)first.Body["model"]);
        Assert.Equal(4096, (int?)first.Body["max_tokens"]);
        Assert.Single(first.Messages);
        Assert.Equal("What time is it in Tokyo?", (string?)first.Content(0)[0]!["text"]);
        var getTime = first.Tool("get_current_time");
        Assert.Equal("object", (string?)getTime["input_schema"]!["type"]);
        Assert.NotNull(getTime["input_schema"]!["properties"]!["timezone"]);
        Assert.Contains("timezone", getTime["input_schema"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.False(string.IsNullOrEmpty((string?)getTime["description"]));
        var convert = first.Tool("convert_time");
        Assert.Equal(
            ["source_timezone", "target_timezone", "time"],
            convert["input_schema"]!["properties"]!.AsObject().Select(p => p.Key).Order());

        // What Claude got second: the whole history, its tool_use turn kept, the real tool output in a tool_result.
        var second = await _claude.WaitForRequestAsync(2);
        Assert.Equal(3, second.Messages.Count);
        Assert.Equal("assistant", (string?)second.Messages[1]!["role"]);
        var toolUse = second.Content(1).Single(b => (string?)b!["type"] == "tool_use")!;
        Assert.Equal("toolu_tokyo", (string?)toolUse["id"]);
        Assert.Equal("get_current_time", (string?)toolUse["name"]);
        Assert.Equal("Asia/Tokyo", (string?)toolUse["input"]!["timezone"]);
        Assert.Equal("user", (string?)second.Messages[2]!["role"]);
        var toolResult = second.Content(2).Single()!;
        Assert.Equal("tool_result", (string?)toolResult["type"]);
        Assert.Equal("toolu_tokyo", (string?)toolResult["tool_use_id"]);
        Assert.NotEqual(true, (bool?)toolResult["is_error"]);
        AssertIsTokyoTimeNow(ResultText(toolResult));

        // What the browser got: a tool card (call, then result with a duration), the text as it streamed, the history.
        var call = events.Single("tool_call");
        Assert.Equal("get_current_time", (string?)call.Data["name"]);
        Assert.Equal("Asia/Tokyo", (string?)call.Data["arguments"]!["timezone"]);
        var result = events.Single("tool_result");
        Assert.Equal("toolu_tokyo", (string?)result.Data["id"]);
        Assert.False((bool)result.Data["isError"]!);
        AssertIsTokyoTimeNow((string)result.Data["result"]!);
        Assert.True((double)result.Data["durationMs"]! > 0);
        Assert.Equal(["In Tokyo it is ", "now **late**", "."], events.Where(e => e.Type == "text").Select(e => (string)e.Data["delta"]!));
        Assert.Contains("<strong>late</strong>", (string?)events.Single("text_end").Data["html"]);
        Assert.True(events.IndexOf(call) < events.IndexOf(result) && events.IndexOf(result) < events.IndexOf(events.First(e => e.Type == "text")));

        var added = events.DoneMessages();
        Assert.Equal(["assistant", "tool", "assistant"], added.Select(m => (string?)m!["role"]));
        Assert.Equal("tool_call", (string?)added[0]!["content"]![0]!["type"]);
        Assert.Equal("toolu_tokyo", (string?)added[1]!["content"]![0]!["id"]);
        Assert.Equal("In Tokyo it is now **late**.", (string?)added[2]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task The_next_turn_sends_the_whole_history_including_tool_use_and_tool_result_and_can_be_non_streaming()
    {
        _claude
            .Reply(FakeReply.ToolUse("toolu_1", "get_current_time", new { timezone = "Europe/Paris" }))
            .Reply(FakeReply.Text("It is noon in Paris."))
            .Reply(FakeReply.Text("You asked about Paris."));

        JsonArray history = [ChatEvents.User("Time in Paris?")];
        var first = await ChatEvents.SendAsync(_http, history);
        foreach (var message in first.DoneMessages())
        {
            history.Add(message!.DeepClone());
        }

        history.Add(ChatEvents.User("Which city did I ask about?"));
        using var response = await _http.PostAsJsonAsync("/api/chat", new JsonObject { ["messages"] = history.DeepClone(), ["stream"] = false });
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, answer?.ToJsonString());

        var third = await _claude.WaitForRequestAsync(3);
        Assert.False(third.Streamed);
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], third.Messages.Select(m => (string?)m!["role"]));
        Assert.Equal("toolu_1", (string?)third.Content(1).Single(b => (string?)b!["type"] == "tool_use")!["id"]);
        var toolResult = third.Content(2).Single()!;
        Assert.Equal("toolu_1", (string?)toolResult["tool_use_id"]);
        Assert.Contains("Europe/Paris", ResultText(toolResult), StringComparison.Ordinal);
        Assert.Equal("It is noon in Paris.", (string?)third.Content(3)[0]!["text"]);
        Assert.Equal("Which city did I ask about?", (string?)third.Content(4)[0]!["text"]);

        Assert.Equal("You asked about Paris.", (string?)answer!["messages"]![0]!["content"]![0]!["text"]);
        Assert.Contains("You asked about Paris.", (string?)answer["html"]);
    }

    [Fact]
    public async Task Several_tool_calls_in_one_turn_and_several_rounds_run_until_Claude_stops()
    {
        _claude
            .Reply(FakeReply.ToolUses(
                ("toolu_a", "get_current_time", new { timezone = "America/New_York" }),
                ("toolu_b", "get_current_time", new { timezone = "Europe/London" })))
            .Reply(FakeReply.ToolUse("toolu_c", "convert_time", new { source_timezone = "Europe/London", time = "16:30", target_timezone = "Asia/Tokyo" }))
            .Reply(FakeReply.Text("Done."));

        var events = await ChatEvents.SendAsync(_http, [ChatEvents.User("Compare New York, London and Tokyo.")]);

        Assert.Equal(["toolu_a", "toolu_b", "toolu_c"], events.Where(e => e.Type == "tool_result").Select(e => (string?)e.Data["id"]));
        var second = await _claude.WaitForRequestAsync(2);
        var results = second.Content(2);
        Assert.Equal(["toolu_a", "toolu_b"], results.Select(r => (string?)r!["tool_use_id"]));
        Assert.Contains("America/New_York", ResultText(results[0]!), StringComparison.Ordinal);
        Assert.Contains("Europe/London", ResultText(results[1]!), StringComparison.Ordinal);

        var third = await _claude.WaitForRequestAsync(3);
        Assert.Equal(5, third.Messages.Count);
        var converted = JsonNode.Parse(ResultText(third.Content(4).Single()!))!;
        Assert.Equal("Europe/London", (string?)converted["source"]!["timezone"]);
        Assert.Equal("Asia/Tokyo", (string?)converted["target"]!["timezone"]);
        Assert.Equal(["assistant", "tool", "assistant", "tool", "assistant"], events.DoneMessages().Select(m => (string?)m!["role"]));
        Assert.Equal(3, _claude.Requests.Count);
    }

    [Fact]
    public async Task Tool_errors_go_back_to_Claude_as_error_results_and_the_turn_goes_on()
    {
        _claude
            .Reply(FakeReply.ToolUses(
                ("toolu_bad_zone", "get_current_time", new { timezone = "Mars/Olympus_Mons" }),
                ("toolu_no_tool", "launch_rocket", new { })))
            .Reply(FakeReply.Text("Sorry, that timezone does not exist."));

        var events = await ChatEvents.SendAsync(_http, [ChatEvents.User("Time on Mars?")]);

        var second = await _claude.WaitForRequestAsync(2);
        var results = second.Content(2);
        var badZone = results.Single(r => (string?)r!["tool_use_id"] == "toolu_bad_zone")!;
        Assert.True((bool?)badZone["is_error"], badZone.ToJsonString());
        Assert.Contains("Mars/Olympus_Mons", ResultText(badZone), StringComparison.Ordinal);
        var noTool = results.Single(r => (string?)r!["tool_use_id"] == "toolu_no_tool")!;
        Assert.Contains("launch_rocket", ResultText(noTool), StringComparison.Ordinal);

        Assert.True((bool)events.First(e => e.Type == "tool_result" && (string?)e.Data["id"] == "toolu_bad_zone").Data["isError"]!);
        Assert.Equal("Sorry, that timezone does not exist.", events.Text());
        Assert.DoesNotContain(events, e => e.Type == "error");
    }

    private static string ResultText(JsonNode toolResult) => toolResult["content"] switch
    {
        JsonArray blocks => string.Concat(blocks.Select(b => (string?)b!["text"])),
        JsonValue text => text.GetValue<string>(),
        _ => string.Empty,
    };

    private static void AssertIsTokyoTimeNow(string resultText)
    {
        var time = JsonNode.Parse(resultText)!;
        Assert.Equal("Asia/Tokyo", (string?)time["timezone"]);
        var stamp = DateTimeOffset.Parse((string)time["datetime"]!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(9), stamp.Offset);
        Assert.InRange(stamp.UtcDateTime, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }
}
