using System.Globalization;

namespace TimeServer.Clock;

/// <summary>The <c>time_difference</c> text of <c>convert_time</c>: "+9.0h", "-5.0h", "+5.75h", "+5.5h".</summary>
internal static class TimeDifference
{
    /// <summary>Formats the offset difference in hours the way mcp-server-time does.</summary>
    public static string Format(TimeSpan difference)
    {
        var hours = difference.TotalSeconds / 3600;
        var sign = hours < 0 ? "-" : "+";
        var magnitude = Math.Abs(hours);

        // Whole hours keep one decimal ("+9.0h"); fractions get two, without trailing zeros ("+5.5h").
        var number = magnitude == Math.Floor(magnitude)
            ? magnitude.ToString("0.0", CultureInfo.InvariantCulture)
            : magnitude.ToString("0.00", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return $"{sign}{number}h";
    }
}
