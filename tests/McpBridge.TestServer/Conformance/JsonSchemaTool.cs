using System.Text.Json;
using ModelContextProtocol;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// The tool of the <c>json-schema-2020-12</c> scenario: its input schema uses the wider
/// JSON Schema 2020-12 vocabulary (<c>$schema</c>, <c>$defs</c> with <c>$anchor</c>,
/// <c>allOf</c>/<c>anyOf</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>additionalProperties</c>),
/// which every hop must pass through untouched.
/// </summary>
internal static class JsonSchemaTool
{
    private const string InputSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "$defs": {
            "address": {
              "$anchor": "addressDef",
              "type": "object",
              "properties": { "street": { "type": "string" }, "city": { "type": "string" } }
            }
          },
          "properties": {
            "name": { "type": "string" },
            "address": { "$ref": "#/$defs/address" },
            "contactMethod": { "type": "string", "enum": ["phone", "email"] },
            "phone": { "type": "string" },
            "email": { "type": "string" }
          },
          "allOf": [{ "anyOf": [{ "required": ["phone"] }, { "required": ["email"] }] }],
          "if": { "properties": { "contactMethod": { "const": "phone" } }, "required": ["contactMethod"] },
          "then": { "required": ["phone"] },
          "else": { "required": ["email"] },
          "additionalProperties": false
        }
        """;

    /// <summary>Creates <c>json_schema_2020_12_tool</c>, which echoes its arguments.</summary>
    public static McpServerTool Create()
    {
        var tool = McpServerTool.Create(
            static (RequestContext<CallToolRequestParams> context) =>
                $"JSON Schema 2020-12 tool called with: {JsonSerializer.Serialize(context.Params?.Arguments ?? new Dictionary<string, JsonElement>(), McpJsonUtilities.DefaultOptions)}",
            new McpServerToolCreateOptions
            {
                Name = "json_schema_2020_12_tool",
                Description = "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)",
            });
        tool.ProtocolTool.InputSchema = JsonElement.Parse(InputSchema);
        return tool;
    }
}
