using YamlDotNet.RepresentationModel;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>YAML documents as plain values: maps are dictionaries, sequences lists, scalars strings.</summary>
internal static class Yaml
{
    public static IReadOnlyList<Dictionary<string, object?>> LoadFile(params string[] path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine([RepoPaths.Root, .. path]))));
        return [.. stream.Documents.Select(document => (Dictionary<string, object?>)Convert(document.RootNode)!)];
    }

    /// <summary>The value at a path of map keys, or null when any part is missing.</summary>
    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is Dictionary<string, object?> map && map.TryGetValue(key, out var value) ? value : null;
        }

        return node;
    }

    public static string? Text(this object? node, params string[] path) => node.At(path) as string;

    public static List<object?> List(this object? node, params string[] path) => node.At(path) as List<object?> ?? [];

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => Convert(pair.Value)),
        YamlSequenceNode list => list.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType}."),
    };
}
