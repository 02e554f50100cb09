using System.Globalization;
using System.Text.Json.Serialization;

namespace TimeServer.Clock;

/// <summary>A time in one zone, as mcp-server-time's <c>TimeResult</c> model reports it.</summary>
/// <param name="Timezone">The zone name as the caller gave it.</param>
/// <param name="Datetime">ISO 8601 with seconds and offset, e.g. <c>2025-01-31T21:05:00+09:00</c>.</param>
/// <param name="DayOfWeek">The English day name, e.g. <c>Friday</c>.</param>
/// <param name="IsDst">Whether daylight saving time applies.</param>
internal sealed record TimeResult(
    [property: JsonPropertyName("timezone")] string Timezone,
    [property: JsonPropertyName("datetime")] string Datetime,
    [property: JsonPropertyName("day_of_week")] string DayOfWeek,
    [property: JsonPropertyName("is_dst")] bool IsDst)
{
    /// <summary>Describes <paramref name="time"/> under the zone name <paramref name="timezone"/>.</summary>
    public static TimeResult From(string timezone, ZonedTime time) => new(
        timezone,
        // python's isoformat(timespec="seconds"): fractions of a second are cut, not rounded.
        time.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        time.Value.DayOfWeek.ToString(),
        time.IsDaylightSavingTime);
}
