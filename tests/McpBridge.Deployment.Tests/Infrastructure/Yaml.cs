using YamlDotNet.RepresentationModel;

namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>YAML documents as plain values: maps are dictionaries, sequences lists, scalars strings (null for ~).</summary>
internal static class Yaml
{
    public static IReadOnlyList<object?> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(document => Convert(document.RootNode))];
    }

    public static Dictionary<string, object?> Load(string text) =>
        LoadAll(text).Single() as Dictionary<string, object?> ?? throw new InvalidDataException("The YAML document is not a map.");

    /// <summary>The value at a path of map keys, or null when any part is missing.</summary>
    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is Dictionary<string, object?> map && map.TryGetValue(key, out var value) ? value : null;
        }

        return node;
    }

    public static Dictionary<string, object?> Map(this object? node, params string[] path) =>
        node.At(path) as Dictionary<string, object?> ?? throw new KeyNotFoundException($"No map at {string.Join('.', path)}.");

    public static List<object?> List(this object? node, params string[] path) =>
        node.At(path) as List<object?> ?? throw new KeyNotFoundException($"No list at {string.Join('.', path)}.");

    public static string? Text(this object? node, params string[] path) => node.At(path) as string;

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => Convert(pair.Value)),
        YamlSequenceNode list => list.Children.Select(Convert).ToList(),
        YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "" => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType}."),
    };
}
