using System.Text.Json;
using System.Text.Json.Nodes;

namespace TimeServer.Tools;

/// <summary>
/// An input schema of required string arguments, written and enforced as the python server does:
/// the schema JSON it lists, and the message its SDK's jsonschema check gives for bad arguments.
/// </summary>
internal sealed class ToolInputSchema
{
    private readonly IReadOnlyList<ToolArgument> _arguments;

    /// <summary>Creates the schema; every argument is a required string, listed in this order.</summary>
    public ToolInputSchema(params IReadOnlyList<ToolArgument> arguments)
    {
        _arguments = arguments;

        var properties = new JsonObject();
        foreach (var argument in arguments)
        {
            properties[argument.Name] = new JsonObject { ["type"] = "string", ["description"] = argument.Description };
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. arguments.Select(argument => JsonValue.Create(argument.Name))]),
        };
        Json = JsonSerializer.SerializeToElement(schema, ToolsJsonContext.Default.JsonObject);
    }

    /// <summary>The schema as <c>tools/list</c> shows it.</summary>
    public JsonElement Json { get; }

    /// <summary>
    /// Checks <paramref name="arguments"/> and returns the python server's message for the first
    /// problem ("Input validation error: ..."), or <see langword="null"/> when they are valid.
    /// </summary>
    public string? Validate(IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();

        // jsonschema's best_match prefers the shallowest error: a missing argument (first in the
        // required list) beats a wrongly typed one.
        foreach (var argument in _arguments)
        {
            if (!arguments.ContainsKey(argument.Name))
            {
                return $"Input validation error: {PythonRepr.Of(argument.Name)} is a required property";
            }
        }

        // Among errors at the same depth it takes the greatest path, here the greatest argument name.
        var wrongType = _arguments
            .Where(argument => arguments[argument.Name].ValueKind != JsonValueKind.String)
            .Select(argument => argument.Name)
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
        return wrongType is null
            ? null
            : $"Input validation error: {PythonRepr.Of(arguments[wrongType])} is not of type 'string'";
    }
}
