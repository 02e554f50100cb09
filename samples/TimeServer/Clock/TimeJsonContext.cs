using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TimeServer.Clock;

/// <summary>Writes results as python's <c>json.dumps(result, indent=2)</c> does.</summary>
[JsonSerializable(typeof(TimeResult))]
[JsonSerializable(typeof(TimeConversionResult))]
internal sealed partial class TimeJsonContext : JsonSerializerContext
{
    /// <summary>Two-space indent, "\n" line ends, and no escaping of characters such as "+" in offsets.</summary>
    public static TimeJsonContext Python { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Values are ASCII zone names, dates and day names; python escapes only non-ASCII and JSON's own.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Serialize(TimeResult result) => JsonSerializer.Serialize(result, Python.TimeResult);

    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Serialize(TimeConversionResult result) => JsonSerializer.Serialize(result, Python.TimeConversionResult);
}
