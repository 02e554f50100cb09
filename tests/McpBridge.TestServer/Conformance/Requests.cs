using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpBridge.TestServer.Conformance;

/// <summary>Builders for the server-to-client requests the tools send.</summary>
internal static class Requests
{
    /// <summary>A sampling request with one user text message.</summary>
    public static CreateMessageRequestParams Sampling(string prompt, int maxTokens) => new()
    {
        Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }],
        MaxTokens = maxTokens,
    };

    /// <summary>An elicitation asking for one required field.</summary>
    public static ElicitRequestParams Elicitation(string message, string field, ElicitRequestParams.PrimitiveSchemaDefinition schema) => new()
    {
        Message = message,
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition> { [field] = schema },
            Required = [field],
        },
    };

    /// <summary>The text of a sampling result, or a placeholder.</summary>
    public static string TextOf(CreateMessageResult result) =>
        result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? "(no text)";

    /// <summary>A string field of an accepted elicitation, or a placeholder.</summary>
    public static string FieldOf(ElicitResult result, string field) =>
        result.Content is { } content && content.TryGetValue(field, out var value)
            ? value.ToString()
            : "(none)";

    /// <summary>The action and content of an elicitation result, as the reference server prints them.</summary>
    public static string Describe(ElicitResult result) =>
        $"action={result.Action}, content={System.Text.Json.JsonSerializer.Serialize(result.Content ?? new Dictionary<string, System.Text.Json.JsonElement>(), McpJsonUtilities.DefaultOptions)}";
}
