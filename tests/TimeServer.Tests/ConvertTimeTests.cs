using System.Globalization;
using System.Text.Json.Nodes;
using TimeServer.Tests.Infrastructure;

namespace TimeServer.Tests;

/// <summary><c>convert_time</c> against the real server, checked with <see cref="TimeZoneInfo"/>.</summary>
public sealed class ConvertTimeTests(TimeServerFixture server) : IClassFixture<TimeServerFixture>
{
    private const string IsoFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    [Theory]
    [InlineData("America/New_York", "16:30", "Asia/Tokyo")]
    [InlineData("Europe/London", "09:05", "America/Los_Angeles")]
    [InlineData("Asia/Kolkata", "23:45", "Asia/Kathmandu")]
    [InlineData("Australia/Sydney", "12:00", "Europe/Paris")]
    public async Task ConvertTime_GivesTodaysTimeInTheSourceAndTheSameInstantInTheTarget(string source, string time, string target)
    {
        var sourceZone = TimeZoneInfo.FindSystemTimeZoneById(source);
        var targetZone = TimeZoneInfo.FindSystemTimeZoneById(target);
        var todayBefore = TodayIn(sourceZone);
        var result = await RawMcp.CallToolAsync(server.Client, "convert_time", new JsonObject
        {
            ["source_timezone"] = source,
            ["time"] = time,
            ["target_timezone"] = target,
        });
        var todayAfter = TodayIn(sourceZone);

        Assert.False((bool)result["isError"]!);
        var json = JsonNode.Parse(RawMcp.SingleText(result))!.AsObject();
        Assert.Equal(["source", "target", "time_difference"], json.Select(property => property.Key));
        Assert.Equal(source, (string?)json["source"]!["timezone"]);
        Assert.Equal(target, (string?)json["target"]!["timezone"]);

        var sourceTime = ParseIso((string)json["source"]!["datetime"]!);
        Assert.Contains(DateOnly.FromDateTime(sourceTime.DateTime), new[] { todayBefore, todayAfter });
        Assert.Equal(time, sourceTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(sourceZone.GetUtcOffset(sourceTime), sourceTime.Offset);
        Assert.Equal(sourceZone.IsDaylightSavingTime(sourceTime), (bool)json["source"]!["is_dst"]!);

        var expectedTarget = TimeZoneInfo.ConvertTime(sourceTime, targetZone);
        Assert.Equal(expectedTarget.ToString(IsoFormat, CultureInfo.InvariantCulture), (string?)json["target"]!["datetime"]);
        Assert.Equal(expectedTarget.DayOfWeek.ToString(), (string?)json["target"]!["day_of_week"]);
        Assert.Equal(targetZone.IsDaylightSavingTime(expectedTarget), (bool)json["target"]!["is_dst"]!);

        var difference = (string)json["time_difference"]!;
        Assert.Matches(@"^[+-]\d+\.\d{1,2}h$", difference);
        var hours = double.Parse(difference.TrimEnd('h'), CultureInfo.InvariantCulture);
        Assert.Equal((expectedTarget.Offset - sourceTime.Offset).TotalHours, hours, precision: 2);
    }

    // Zones without daylight saving time, so the differences are the same every day of the year.
    [Theory]
    [InlineData("UTC", "Asia/Tokyo", "+9.0h")]
    [InlineData("Asia/Tokyo", "UTC", "-9.0h")]
    [InlineData("Asia/Tokyo", "Asia/Tokyo", "+0.0h")]
    [InlineData("Asia/Tokyo", "Asia/Kolkata", "-3.5h")]
    [InlineData("Asia/Kolkata", "Asia/Kathmandu", "+0.25h")]
    [InlineData("UTC", "Asia/Kathmandu", "+5.75h")]
    public async Task ConvertTime_FormatsTheTimeDifferenceAsThePythonServerDoes(string source, string target, string expected)
    {
        var result = await RawMcp.CallToolAsync(server.Client, "convert_time", new JsonObject
        {
            ["source_timezone"] = source,
            ["time"] = "12:00",
            ["target_timezone"] = target,
        });

        Assert.Equal(expected, (string?)JsonNode.Parse(RawMcp.SingleText(result))!["time_difference"]);
    }

    private static DateOnly TodayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);

    private static DateTimeOffset ParseIso(string text) => DateTimeOffset.ParseExact(text, IsoFormat, CultureInfo.InvariantCulture);
}
