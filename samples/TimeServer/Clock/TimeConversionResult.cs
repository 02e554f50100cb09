using System.Text.Json.Serialization;

namespace TimeServer.Clock;

/// <summary>A time converted between two zones, as mcp-server-time's <c>TimeConversionResult</c> model reports it.</summary>
/// <param name="Source">The time in the source zone.</param>
/// <param name="Target">The same instant in the target zone.</param>
/// <param name="TimeDifference">Target offset minus source offset, e.g. <c>+9.0h</c> (see <see cref="Clock.TimeDifference"/>).</param>
internal sealed record TimeConversionResult(
    [property: JsonPropertyName("source")] TimeResult Source,
    [property: JsonPropertyName("target")] TimeResult Target,
    [property: JsonPropertyName("time_difference")] string TimeDifference);
