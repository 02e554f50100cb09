using System.Globalization;
using System.Text.Json.Nodes;
using TimeServer.Tests.Infrastructure;

namespace TimeServer.Tests;

/// <summary><c>get_current_time</c> against the real server, checked with <see cref="TimeZoneInfo"/>.</summary>
public sealed class GetCurrentTimeTests(TimeServerFixture server) : IClassFixture<TimeServerFixture>
{
    [Theory]
    [InlineData("Asia/Tokyo")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("UTC")]
    public async Task GetCurrentTime_ReturnsTheTimeNowWithTheZonesOffset(string timezone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timezone);
        var before = DateTimeOffset.UtcNow;
        var result = await RawMcp.CallToolAsync(server.Client, "get_current_time", new JsonObject { ["timezone"] = timezone });
        var after = DateTimeOffset.UtcNow;

        Assert.False((bool)result["isError"]!);
        var json = JsonNode.Parse(RawMcp.SingleText(result))!.AsObject();
        Assert.Equal(["timezone", "datetime", "day_of_week", "is_dst"], json.Select(property => property.Key));
        Assert.Equal(timezone, (string?)json["timezone"]);

        var datetimeText = (string)json["datetime"]!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", datetimeText);
        var datetime = DateTimeOffset.ParseExact(datetimeText, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        Assert.Equal(zone.GetUtcOffset(datetime), datetime.Offset);
        // The server cuts fractions of a second, so "now" may read up to a second before the call.
        Assert.InRange(datetime, before - TimeSpan.FromSeconds(1), after);
        Assert.Equal(datetime.DayOfWeek.ToString(), (string?)json["day_of_week"]);
        Assert.Equal(zone.IsDaylightSavingTime(datetime), (bool)json["is_dst"]!);
    }

    [Fact]
    public async Task GetCurrentTime_WritesJsonAsPythonsJsonDumpsWithIndent2()
    {
        var result = await RawMcp.CallToolAsync(server.Client, "get_current_time", new JsonObject { ["timezone"] = "Asia/Tokyo" });

        var text = RawMcp.SingleText(result);
        var json = JsonNode.Parse(text)!;
        var expected =
            "{\n" +
            "  \"timezone\": \"Asia/Tokyo\",\n" +
            $"  \"datetime\": \"{(string)json["datetime"]!}\",\n" +
            $"  \"day_of_week\": \"{(string)json["day_of_week"]!}\",\n" +
            "  \"is_dst\": false\n" +
            "}";
        Assert.Equal(expected, text);
    }
}
