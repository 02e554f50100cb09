namespace McpBridge.Bench.Report;

/// <summary>What the investigation of issue 15 found about the two clients, as the page prints it.</summary>
internal static class TwoClientsFindings
{
    public static readonly IReadOnlyList<string> Lines =
    [
        "- TODO",
    ];
}
