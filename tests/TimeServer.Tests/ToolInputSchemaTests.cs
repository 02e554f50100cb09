using System.Text.Json;
using TimeServer.Tools;

namespace TimeServer.Tests;

/// <summary>
/// Argument checks in process. Expected texts are what the python SDK's check (jsonschema 4.26
/// best_match, python repr of the value) says for the same arguments.
/// </summary>
public sealed class ToolInputSchemaTests
{
    [Theory]
    [InlineData("{}", "Input validation error: 'source_timezone' is a required property")]
    [InlineData("""{"time": 5}""", "Input validation error: 'source_timezone' is a required property")]
    [InlineData("""{"source_timezone": "a", "target_timezone": 1}""", "Input validation error: 'time' is a required property")]
    // Among wrongly typed arguments the greatest name is reported.
    [InlineData("""{"source_timezone": 1, "time": 2, "target_timezone": 3}""", "Input validation error: 2 is not of type 'string'")]
    [InlineData("""{"source_timezone": 1, "time": "x", "target_timezone": null}""", "Input validation error: None is not of type 'string'")]
    [InlineData("""{"source_timezone": [1, "a'b", true, false, null], "time": "x", "target_timezone": "y"}""",
        """Input validation error: [1, "a'b", True, False, None] is not of type 'string'""")]
    [InlineData("""{"source_timezone": {"a": true, "b": 1.5e20, "c\"d": -0.0}, "time": "x", "target_timezone": "y"}""",
        """Input validation error: {'a': True, 'b': 1.5e+20, 'c"d': -0.0} is not of type 'string'""")]
    [InlineData("""{"source_timezone": "a", "time": 1e16, "target_timezone": "b"}""", "Input validation error: 1e+16 is not of type 'string'")]
    [InlineData("""{"source_timezone": "a", "time": 1e15, "target_timezone": "b"}""", "Input validation error: 1000000000000000.0 is not of type 'string'")]
    [InlineData("""{"source_timezone": "a", "time": 0.00001, "target_timezone": "b"}""", "Input validation error: 1e-05 is not of type 'string'")]
    [InlineData("""{"source_timezone": "a", "time": 12345678901234567890123, "target_timezone": "b"}""",
        "Input validation error: 12345678901234567890123 is not of type 'string'")]
    [InlineData("""{"source_timezone": "a", "time": "ok", "target_timezone": ["\u0007\u00a0\u2028é\\"]}""",
        """Input validation error: ['\x07\xa0\u2028é\\'] is not of type 'string'""")]
    [InlineData("""{"extra": 1, "source_timezone": "a", "time": "t", "target_timezone": "y"}""", null)]
    public void Validate_ReportsWhatThePythonSdksCheckReports(string arguments, string? expected)
    {
        var schema = new ToolInputSchema(
            new ToolArgument("source_timezone", "source"),
            new ToolArgument("time", "time"),
            new ToolArgument("target_timezone", "target"));
        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments);

        Assert.Equal(expected, schema.Validate(parsed));
    }
}
