using ModelContextProtocol.Protocol;

namespace McpBridge.TestServer.Conformance;

/// <summary>The elicitation forms of SEP-1034 (defaults) and SEP-1330 (enums), field for field as the scenarios check them.</summary>
internal static class ElicitationSchemas
{
    /// <summary>One field of each primitive type, each with a default.</summary>
    public static ElicitRequestParams WithDefaults() => new()
    {
        Message = "Please review and update the form fields with defaults",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
            {
                ["name"] = new ElicitRequestParams.StringSchema { Description = "User name", Default = "John Doe" },
                ["age"] = new ElicitRequestParams.NumberSchema { Type = "integer", Description = "User age", Default = 30 },
                ["score"] = new ElicitRequestParams.NumberSchema { Description = "User score", Default = 95.5 },
                ["status"] = new ElicitRequestParams.UntitledSingleSelectEnumSchema
                {
                    Description = "User status",
                    Enum = ["active", "inactive", "pending"],
                    Default = "active",
                },
                ["verified"] = new ElicitRequestParams.BooleanSchema { Description = "Verification status", Default = true },
            },
            Required = [],
        },
    };

    /// <summary>All five enum variants: untitled and titled single-select, legacy enumNames, untitled and titled multi-select.</summary>
    public static ElicitRequestParams WithEnums() => new()
    {
        Message = "Please select options from the enum fields",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
            {
                ["untitledSingle"] = new ElicitRequestParams.UntitledSingleSelectEnumSchema
                {
                    Description = "Select one option",
                    Enum = ["option1", "option2", "option3"],
                },
                ["titledSingle"] = new ElicitRequestParams.TitledSingleSelectEnumSchema
                {
                    Description = "Select one option with titles",
                    OneOf =
                    [
                        new() { Const = "value1", Title = "First Option" },
                        new() { Const = "value2", Title = "Second Option" },
                        new() { Const = "value3", Title = "Third Option" },
                    ],
                },
#pragma warning disable MCP9001 // enumNames is deprecated, and SEP-1330 still asks servers to be able to send it.
                ["legacyEnum"] = new ElicitRequestParams.LegacyTitledEnumSchema
                {
                    Description = "Select one option (legacy)",
                    Enum = ["opt1", "opt2", "opt3"],
                    EnumNames = ["Option One", "Option Two", "Option Three"],
                },
#pragma warning restore MCP9001
                ["untitledMulti"] = new ElicitRequestParams.UntitledMultiSelectEnumSchema
                {
                    Description = "Select multiple options",
                    MinItems = 1,
                    MaxItems = 3,
                    Items = new ElicitRequestParams.UntitledEnumItemsSchema { Enum = ["option1", "option2", "option3"] },
                },
                ["titledMulti"] = new ElicitRequestParams.TitledMultiSelectEnumSchema
                {
                    Description = "Select multiple options with titles",
                    MinItems = 1,
                    MaxItems = 3,
                    Items = new ElicitRequestParams.TitledEnumItemsSchema
                    {
                        AnyOf =
                        [
                            new() { Const = "value1", Title = "First Choice" },
                            new() { Const = "value2", Title = "Second Choice" },
                            new() { Const = "value3", Title = "Third Choice" },
                        ],
                    },
                },
            },
            Required = [],
        },
    };
}
