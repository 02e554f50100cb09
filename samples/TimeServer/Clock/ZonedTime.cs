namespace TimeServer.Clock;

/// <summary>A time as one zone shows it: wall-clock time with its UTC offset, and whether daylight saving time applies.</summary>
/// <param name="Value">The zone's wall-clock time and offset.</param>
/// <param name="IsDaylightSavingTime">Whether the zone is on daylight saving time then (python's <c>bool(dt.dst())</c>).</param>
internal readonly record struct ZonedTime(DateTimeOffset Value, bool IsDaylightSavingTime)
{
    // Every zone's offset lies within UTC-12 and UTC+14, so the instants a wall time can mean lie in this window.
    private static readonly TimeSpan MaxOffsetEast = TimeSpan.FromHours(14);
    private static readonly TimeSpan MaxOffsetWest = TimeSpan.FromHours(12);

    /// <summary>The zone's view of an instant.</summary>
    public static ZonedTime AtInstant(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new ZonedTime(local, zone.IsDaylightSavingTime(local));
    }

    /// <summary>
    /// A wall-clock time in the zone, resolved like python's <c>datetime(..., tzinfo=zone)</c> with
    /// <c>fold=0</c>: a time that occurs twice is the first one, and a time skipped by a jump
    /// forward keeps its wall-clock reading with the offset (and daylight saving state) from
    /// before the jump.
    /// </summary>
    public static ZonedTime AtWallTime(TimeZoneInfo zone, DateTime wallTime)
    {
        wallTime = DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified);

        // The offsets in force around the wall time, read from instants rather than from .NET's
        // invalid/ambiguous time checks, which miss jumps of zones with negative DST (Europe/Dublin).
        TimeSpan[] around = [.. new[] { OffsetAtUtc(zone, wallTime - MaxOffsetEast), OffsetAtUtc(zone, wallTime + MaxOffsetWest) }.Distinct()];

        // The offsets that read the wall time as an instant the zone agrees with: one normally,
        // two when the time occurs twice, none when it is skipped.
        var consistent = around.Where(offset => OffsetAtUtc(zone, wallTime - offset) == offset).ToArray();

        // The larger offset gives the earlier instant: the first occurrence, or in a gap an instant
        // just before the jump, whose state python reports.
        var offset = (consistent.Length > 0 ? consistent : around).Max();
        var state = AtInstant(zone, new DateTimeOffset(wallTime - offset, TimeSpan.Zero));
        return new ZonedTime(new DateTimeOffset(wallTime, state.Value.Offset), state.IsDaylightSavingTime);
    }

    private static TimeSpan OffsetAtUtc(TimeZoneInfo zone, DateTime utc) =>
        zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
