using System.Text.Json.Nodes;
using TimeServer.Tests.Infrastructure;

namespace TimeServer.Tests;

/// <summary>Mistakes come back as <c>isError</c> results carrying the python server's messages.</summary>
public sealed class ErrorResultTests(TimeServerFixture server) : IClassFixture<TimeServerFixture>
{
    public static TheoryData<string, string, string> Mistakes => new()
    {
        {
            "get_current_time", """{"timezone": "Mars/Olympus_Mons"}""",
            "Error processing mcp-server-time query: Invalid timezone: 'No time zone found with key Mars/Olympus_Mons'"
        },
        {
            "get_current_time", """{"timezone": "utc"}""",
            "Error processing mcp-server-time query: Invalid timezone: 'No time zone found with key utc'"
        },
        {
            "get_current_time", """{"timezone": "/etc/passwd"}""",
            "Error processing mcp-server-time query: Invalid timezone: ZoneInfo keys may not be absolute paths, got: /etc/passwd"
        },
        {
            "get_current_time", """{"timezone": "../../etc/passwd"}""",
            "Error processing mcp-server-time query: Invalid timezone: ZoneInfo keys must refer to subdirectories of TZPATH, got: ../../etc/passwd"
        },
        {
            "get_current_time", """{"timezone": ""}""",
            "Error processing mcp-server-time query: Missing required argument: timezone"
        },
        {
            "get_current_time", "{}",
            "Input validation error: 'timezone' is a required property"
        },
        {
            "get_current_time", """{"timezone": 5}""",
            "Input validation error: 5 is not of type 'string'"
        },
        {
            "convert_time", """{"source_timezone": "UTC", "time": "12:00", "target_timezone": "Nowhere/Land"}""",
            "Error processing mcp-server-time query: Invalid timezone: 'No time zone found with key Nowhere/Land'"
        },
        {
            "convert_time", """{"source_timezone": "UTC", "time": "25:00", "target_timezone": "Asia/Tokyo"}""",
            "Error processing mcp-server-time query: Invalid time format. Expected HH:MM [24-hour format]"
        },
        {
            "convert_time", """{"source_timezone": "UTC", "time": "4:30pm", "target_timezone": "Asia/Tokyo"}""",
            "Error processing mcp-server-time query: Invalid time format. Expected HH:MM [24-hour format]"
        },
        {
            "convert_time", """{"source_timezone": "UTC", "target_timezone": "Asia/Tokyo"}""",
            "Input validation error: 'time' is a required property"
        },
        {
            "convert_time", """{"source_timezone": "UTC", "time": 12.5, "target_timezone": null}""",
            "Input validation error: 12.5 is not of type 'string'"
        },
        {
            "get_time", """{"timezone": "UTC"}""",
            "Error processing mcp-server-time query: Unknown tool: get_time"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task CallTool_WithAMistake_ReturnsAnErrorResultWithThePythonServersMessage(string tool, string arguments, string message)
    {
        var result = await RawMcp.CallToolAsync(server.Client, tool, JsonNode.Parse(arguments)!.AsObject());

        Assert.True((bool)result["isError"]!);
        Assert.Equal(message, RawMcp.SingleText(result));
    }
}
