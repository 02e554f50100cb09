using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace McpBridge.Bench.Load;

/// <summary>Counts errors by message (per-call tokens and ids masked) and keeps the first example of each kind.</summary>
internal sealed partial class ErrorLog
{
    private readonly ConcurrentDictionary<string, (int Count, long Order, string Example)> _kinds = new();
    private long _order;

    public void Add(string kind, string message)
    {
        var example = $"{kind}: {message}";
        var key = Token().Replace(example, "<uid>");
        var order = Interlocked.Increment(ref _order);
        _kinds.AddOrUpdate(key, (1, order, example), (_, old) => (old.Count + 1, old.Order, old.Example));
    }

    /// <summary>Up to <paramref name="max"/> kinds, first seen first, as "N x example".</summary>
    public List<string> First(int max = 5) =>
        [.. _kinds.Values.OrderBy(v => v.Order).Take(max).Select(v => $"{v.Count}x {v.Example}")];

    [GeneratedRegex("u[0-9a-f]{6}-c\\d+-n\\d+")]
    private static partial Regex Token();
}
