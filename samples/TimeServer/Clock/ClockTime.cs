using System.Globalization;
using System.Text.RegularExpressions;

namespace TimeServer.Clock;

/// <summary>A time of day in hours and minutes, as <c>datetime.strptime(text, "%H:%M")</c> reads it.</summary>
internal readonly partial record struct ClockTime(int Hour, int Minute)
{
    /// <summary>
    /// Reads "HH:MM" in 24-hour form. Like strptime, one digit is enough for either field
    /// ("9:05", "09:5") and the whole text must be used.
    /// </summary>
    public static bool TryParse(string text, out ClockTime time)
    {
        var match = StrptimeHourMinute().Match(text);
        time = match.Success ? new ClockTime(ToNumber(match.Groups["H"].Value), ToNumber(match.Groups["M"].Value)) : default;
        return match.Success;
    }

    // strptime's own patterns for %H and %M; \d is any Unicode decimal digit there as here.
    [GeneratedRegex(@"\A(?<H>2[0-3]|[0-1]\d|\d):(?<M>[0-5]\d|\d)\z", RegexOptions.CultureInvariant)]
    private static partial Regex StrptimeHourMinute();

    private static int ToNumber(string digits) =>
        digits.Aggregate(0, (value, digit) => (value * 10) + CharUnicodeInfo.GetDecimalDigitValue(digit));
}
