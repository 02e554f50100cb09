namespace TimeServer.Clock;

/// <summary>The two queries of mcp-server-time: the time now in a zone, and a time of day converted between zones.</summary>
/// <param name="timeProvider">The source of "now" (<see cref="TimeProvider.System"/> outside tests).</param>
internal sealed class WorldClock(TimeProvider timeProvider)
{
    /// <summary>The time now in the zone <paramref name="timezone"/>.</summary>
    /// <exception cref="TimeQueryException">The zone is unknown.</exception>
    public TimeResult GetCurrentTime(string timezone)
    {
        var zone = IanaTimeZone.Find(timezone);
        return TimeResult.From(timezone, ZonedTime.AtInstant(zone, timeProvider.GetUtcNow()));
    }

    /// <summary>
    /// Today's <paramref name="time"/> ("HH:MM", today as the source zone sees it) in
    /// <paramref name="sourceTimezone"/>, and the same instant in <paramref name="targetTimezone"/>.
    /// </summary>
    /// <exception cref="TimeQueryException">A zone is unknown or the time is not "HH:MM".</exception>
    public TimeConversionResult ConvertTime(string sourceTimezone, string time, string targetTimezone)
    {
        // The python server checks in this order: source zone, target zone, then the time.
        var sourceZone = IanaTimeZone.Find(sourceTimezone);
        var targetZone = IanaTimeZone.Find(targetTimezone);
        if (!ClockTime.TryParse(time, out var clockTime))
        {
            throw new TimeQueryException("Invalid time format. Expected HH:MM [24-hour format]");
        }

        var today = ZonedTime.AtInstant(sourceZone, timeProvider.GetUtcNow()).Value;
        var source = ZonedTime.AtWallTime(
            sourceZone,
            new DateTime(today.Year, today.Month, today.Day, clockTime.Hour, clockTime.Minute, 0, DateTimeKind.Unspecified));
        // python's astimezone returns the time unchanged when both zones are the same (cached)
        // zone object, which shows in a skipped hour: "02:30" stays 02:30 with the old offset.
        var target = string.Equals(sourceTimezone, targetTimezone, StringComparison.Ordinal)
            ? source
            : ZonedTime.AtInstant(targetZone, source.Value);

        return new TimeConversionResult(
            TimeResult.From(sourceTimezone, source),
            TimeResult.From(targetTimezone, target),
            TimeDifference.Format(target.Value.Offset - source.Value.Offset));
    }
}
