using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using McpBridge.Chat.Tests.FakeClaude;
using McpBridge.Chat.Tests.Infrastructure;

namespace McpBridge.Chat.Tests.Api;

/// <summary>The chat's session with the gateway in real life: restarts, a gateway that is down, list changes, Stop.</summary>
public sealed class GatewayConnectionTests
{
    [Fact]
    public async Task A_gateway_restart_between_turns_costs_one_reconnect_and_no_error()
    {
        await using var gateway = await GatewayService.StartTimeAsync();
        await using var claude = await FakeClaudeServer.StartAsync();
        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude);
        using var http = chat.CreateClient();
        claude
            .Reply(FakeReply.ToolUse("toolu_1", "get_current_time", new { timezone = "Asia/Tokyo" })).Reply(FakeReply.Text("One."))
            .Reply(FakeReply.ToolUse("toolu_2", "get_current_time", new { timezone = "Asia/Tokyo" })).Reply(FakeReply.Text("Two."));

        Assert.Equal("One.", (await ChatEvents.SendAsync(http, [ChatEvents.User("Time?")])).Text());
        await gateway.StopAsync();
        await gateway.StartAgainAsync();

        // The old session id means nothing to the new gateway (404): the chat opens a new session and goes on.
        var events = await ChatEvents.SendAsync(http, [ChatEvents.User("And now?")]);
        Assert.DoesNotContain(events, e => e.Type == "error");
        Assert.False((bool)events.Single("tool_result").Data["isError"]!, events.Single("tool_result").Data.ToJsonString());
        Assert.Equal("Two.", events.Text());
        await chat.Process.WaitForOutputAsync("Lost the session with the MCP gateway", TimeSpan.FromSeconds(10));
        Assert.Equal(4, claude.Requests.Count);
    }

    [Fact]
    public async Task A_gateway_that_is_down_is_a_clear_error_and_the_chat_works_when_it_is_back()
    {
        await using var gateway = await GatewayService.StartTimeAsync();
        await using var claude = await FakeClaudeServer.StartAsync();
        await gateway.StopAsync();
        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude);
        using var http = chat.CreateClient();

        var status = await http.GetFromJsonAsync<JsonObject>("/api/status");
        Assert.False((bool)status!["gateway"]!["connected"]!);
        Assert.Contains($"The MCP gateway at {gateway.McpUrl} is not reachable (connection refused)", (string?)status["gateway"]!["error"], StringComparison.Ordinal);

        var down = await ChatEvents.SendAsync(http, [ChatEvents.User("Time?")]);
        var error = down.Single("error");
        Assert.Equal("gateway", (string?)error.Data["kind"]);
        Assert.Contains("is not reachable (connection refused)", (string?)error.Data["message"], StringComparison.Ordinal);
        using (var tools = await http.GetAsync("/api/tools"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, tools.StatusCode);
        }

        Assert.Empty(claude.Requests);

        await gateway.StartAgainAsync();
        status = await http.GetFromJsonAsync<JsonObject>("/api/status");
        Assert.True((bool)status!["gateway"]!["connected"]!, status.ToJsonString());
        claude.Reply(FakeReply.Text("Back."));
        Assert.Equal("Back.", (await ChatEvents.SendAsync(http, [ChatEvents.User("Time?")])).Text());
    }

    [Fact]
    public async Task Tools_list_changed_refreshes_the_tools_Claude_gets()
    {
        await using var gateway = await GatewayService.StartTestServerAsync();
        await using var claude = await FakeClaudeServer.StartAsync();
        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude);
        using var http = chat.CreateClient();
        claude
            .Reply(FakeReply.ToolUse("toolu_change", "test_trigger_tool_change", new { }))
            .Reply(FakeReply.Text("I added a tool."))
            .Reply(FakeReply.Text("I see it."));

        await ChatEvents.SendAsync(http, [ChatEvents.User("Add a tool.")]);
        var before = (await claude.WaitForRequestAsync(1)).Tools.Select(t => (string?)t!["name"]).ToList();
        Assert.DoesNotContain("test_dynamic_tool", before);
        await chat.Process.WaitForOutputAsync("says its tools changed", TimeSpan.FromSeconds(30));

        await ChatEvents.SendAsync(http, [ChatEvents.User("Do you see it?")]);
        var after = (await claude.WaitForRequestAsync(3)).Tools.Select(t => (string?)t!["name"]).ToList();
        Assert.Contains("test_dynamic_tool", after);
    }

    [Fact]
    public async Task Stopping_a_turn_cancels_the_running_tool_call()
    {
        await using var gateway = await GatewayService.StartTestServerAsync(fault: "hang");
        await using var claude = await FakeClaudeServer.StartAsync();
        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude);
        using var http = chat.CreateClient();
        claude.Reply(FakeReply.ToolUse("toolu_hang", "hang", new { }));

        // The client drops the stream as soon as the tool card says the call started, as the Stop button does.
        var events = await ChatEvents.SendAsync(http, [ChatEvents.User("Hang.")], stopWhen: e => e.Type == "tool_call");

        Assert.Equal("hang", (string?)events[^1].Data["name"]);
        await chat.Process.WaitForOutputAsync("Tool call hang (toolu_hang) cancelled", TimeSpan.FromSeconds(30));
        await chat.Process.WaitForOutputAsync("A chat turn was stopped by the browser", TimeSpan.FromSeconds(30));

        // The session is still good: the same server answers the next call at once.
        using var echo = await http.PostAsJsonAsync("/api/tools/echo", new { arguments = new { text = "still here" } });
        Assert.Contains("still here", (string?)(await echo.Content.ReadFromJsonAsync<JsonObject>())!["result"], StringComparison.Ordinal);
        Assert.Single(claude.Requests);
    }

    [Fact]
    public async Task Without_a_key_the_chat_API_says_so_and_the_tools_API_works()
    {
        await using var gateway = await GatewayService.StartTimeAsync();
        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude: null);
        using var http = chat.CreateClient();

        using var turn = await http.PostAsJsonAsync("/api/chat", new JsonObject { ["messages"] = new JsonArray(ChatEvents.User("hi")) });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, turn.StatusCode);
        Assert.Contains("ANTHROPIC_API_KEY", await turn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await http.GetFromJsonAsync<JsonObject>("/api/status");
        Assert.False((bool)status!["claude"]!["enabled"]!);

        var tools = await http.GetFromJsonAsync<JsonObject>("/api/tools");
        Assert.Equal(["convert_time", "get_current_time"], tools!["tools"]!.AsArray().Select(t => (string?)t!["name"]).Order());
        using var call = await http.PostAsJsonAsync("/api/tools/get_current_time", new { arguments = new { timezone = "Europe/Berlin" } });
        var result = await call.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)result!["isError"]!);
        Assert.Equal("Europe/Berlin", (string?)JsonNode.Parse((string)result["result"]!)!["timezone"]);
        Assert.Contains("no ANTHROPIC_API_KEY", chat.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_several_servers_the_chat_uses_the_aggregated_endpoint_and_sees_every_servers_tools()
    {
        await using var gateway = await GatewayService.StartSeveralAsync(("time", ["dotnet", RepoPaths.TimeServerDll]), ("test", ["dotnet", RepoPaths.TestServerDll]));
        await using var claude = await FakeClaudeServer.StartAsync();
        await using var chat = await ChatService.StartAsync(gateway.McpUrl, claude);
        using var http = chat.CreateClient();
        claude.Reply(FakeReply.ToolUse("toolu_1", "time__get_current_time", new { timezone = "Asia/Tokyo" })).Reply(FakeReply.Text("Done."));

        var tools = (await http.GetFromJsonAsync<JsonObject>("/api/tools"))!["tools"]!.AsArray().Select(t => (string?)t!["name"]).ToList();
        var events = await ChatEvents.SendAsync(http, [ChatEvents.User("Time in Tokyo?")]);

        Assert.Contains("time__get_current_time", tools);
        Assert.Contains("test__echo", tools);
        Assert.False((bool)events.Single("tool_result").Data["isError"]!, events.Single("tool_result").Data.ToJsonString());
        Assert.Contains("Asia/Tokyo", events.Single("tool_result").Data.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Done.", events.Text());
    }
}
