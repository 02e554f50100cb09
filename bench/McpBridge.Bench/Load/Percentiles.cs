namespace McpBridge.Bench.Load;

/// <summary>Nearest-rank percentiles and medians.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0-100) of <paramref name="sorted"/>, or null when empty.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>The median of the values that are present, or null when none are.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).Order().ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var mid = present.Count / 2;
        return present.Count % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }
}
