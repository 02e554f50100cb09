using System.Globalization;

namespace McpBridge.Bench.Load;

/// <summary>One load level: this many concurrent clients (each its own session), each making this many sequential calls.</summary>
internal readonly record struct LoadLevel(int Clients, int CallsPerClient)
{
    public override string ToString() => $"{Clients}x{CallsPerClient}";

    /// <summary>Parses <c>"1x1000,8x250"</c> (commas or spaces).</summary>
    public static IReadOnlyList<LoadLevel> ParseList(string text)
    {
        List<LoadLevel> levels = [];
        foreach (var item in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('x', 'X');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var clients)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var calls)
                || clients is < 1 or > 5000 || calls is < 1 or > 1_000_000)
            {
                throw new FormatException($"level '{item}' is not CLIENTSxCALLS (clients 1-5000, calls 1-1000000), for example 8x250");
            }

            levels.Add(new LoadLevel(clients, calls));
        }

        return levels.Count > 0 ? levels : throw new FormatException("no load level given");
    }
}
