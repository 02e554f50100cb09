using TimeServer.Clock;
using TimeServer.Tests.Infrastructure;

namespace TimeServer.Tests;

/// <summary>
/// The time logic in process with a pinned clock. Expected texts are what mcp-server-time's own
/// code returns for the same "now" (its TimeServer class run with datetime.now pinned).
/// </summary>
public sealed class WorldClockTests
{
    [Fact]
    public void GetCurrentTime_WritesThePythonServersJsonAndCutsFractionsOfASecond()
    {
        var clock = ClockAt("2024-06-01T23:30:00.999Z");

        var json = TimeJsonContext.Serialize(clock.GetCurrentTime("Asia/Tokyo"));

        Assert.Equal(
            "{\n  \"timezone\": \"Asia/Tokyo\",\n  \"datetime\": \"2024-06-02T08:30:00+09:00\",\n  \"day_of_week\": \"Sunday\",\n  \"is_dst\": false\n}",
            json);
    }

    [Fact]
    public void ConvertTime_TakesTodayAsTheSourceZoneSeesIt()
    {
        var clock = ClockAt("2024-06-01T23:30:00Z");

        var json = TimeJsonContext.Serialize(clock.ConvertTime("Asia/Tokyo", "07:00", "UTC"));

        Assert.Equal(
            "{\n  \"source\": {\n    \"timezone\": \"Asia/Tokyo\",\n    \"datetime\": \"2024-06-02T07:00:00+09:00\",\n" +
            "    \"day_of_week\": \"Sunday\",\n    \"is_dst\": false\n  },\n  \"target\": {\n    \"timezone\": \"UTC\",\n" +
            "    \"datetime\": \"2024-06-01T22:00:00+00:00\",\n    \"day_of_week\": \"Saturday\",\n    \"is_dst\": false\n  },\n" +
            "  \"time_difference\": \"-9.0h\"\n}",
            json);
    }

    [Theory]
    // A skipped time keeps its reading with the offset from before the jump (python's fold=0).
    [InlineData("2024-03-10T12:00:00Z", "America/New_York", "02:30", "UTC",
        "2024-03-10T02:30:00-05:00", false, "2024-03-10T07:30:00+00:00", false, "+5.0h")]
    // A time that occurs twice is the first occurrence.
    [InlineData("2024-11-03T12:00:00Z", "America/New_York", "01:30", "UTC",
        "2024-11-03T01:30:00-04:00", true, "2024-11-03T05:30:00+00:00", false, "+4.0h")]
    // Converting to the same zone returns the time unchanged, even a skipped one.
    [InlineData("2024-03-10T12:00:00Z", "America/New_York", "02:30", "America/New_York",
        "2024-03-10T02:30:00-05:00", false, "2024-03-10T02:30:00-05:00", false, "+0.0h")]
    // Europe/Dublin's winter time is daylight saving time below standard time (negative DST).
    [InlineData("2024-03-31T00:30:00Z", "Europe/Dublin", "01:00", "UTC",
        "2024-03-31T01:00:00+00:00", true, "2024-03-31T01:00:00+00:00", false, "+0.0h")]
    [InlineData("2024-06-01T12:00:00Z", "America/New_York", "16:30", "Asia/Kathmandu",
        "2024-06-01T16:30:00-04:00", true, "2024-06-02T02:15:00+05:45", false, "+9.75h")]
    public void ConvertTime_MatchesThePythonServerAroundDaylightSavingTimeChanges(
        string now, string source, string time, string target,
        string sourceDatetime, bool sourceIsDst, string targetDatetime, bool targetIsDst, string difference)
    {
        var result = ClockAt(now).ConvertTime(source, time, target);

        Assert.Equal((sourceDatetime, sourceIsDst), (result.Source.Datetime, result.Source.IsDst));
        Assert.Equal((targetDatetime, targetIsDst), (result.Target.Datetime, result.Target.IsDst));
        Assert.Equal(difference, result.TimeDifference);
    }

    [Theory]
    [InlineData("9:5", 9, 5)]
    [InlineData("09:05", 9, 5)]
    [InlineData("0:00", 0, 0)]
    [InlineData("23:59", 23, 59)]
    public void ClockTime_ReadsWhatStrptimeReads(string text, int hour, int minute)
    {
        Assert.True(ClockTime.TryParse(text, out var time));
        Assert.Equal(new ClockTime(hour, minute), time);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("12:60")]
    [InlineData("1230")]
    [InlineData("12:345")]
    [InlineData(" 12:30")]
    [InlineData("12:30 ")]
    [InlineData("12:30:00")]
    [InlineData("4:30pm")]
    [InlineData("")]
    public void ClockTime_RefusesWhatStrptimeRefuses(string text) => Assert.False(ClockTime.TryParse(text, out _));

    [Theory]
    [InlineData(9 * 60, "+9.0h")]
    [InlineData(-5 * 60, "-5.0h")]
    [InlineData(0, "+0.0h")]
    [InlineData(345, "+5.75h")]
    [InlineData(330, "+5.5h")]
    [InlineData(-195, "-3.25h")]
    [InlineData(20, "+0.33h")]
    [InlineData(15 * 60, "+15.0h")]
    public void TimeDifference_FormatsHoursAsThePythonServerDoes(int minutes, string expected) =>
        Assert.Equal(expected, TimeDifference.Format(TimeSpan.FromMinutes(minutes)));

    private static WorldClock ClockAt(string now) => new(new FixedTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
