using System.Text.Json;

namespace McpBridge.Bench.Scenarios;

/// <summary>Raw results as indented JSON under the run's out folder (git-ignored), one file per run plus the whole set.</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task WriteAsync<T>(string outDir, string relativePath, T value, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, value, Options, cancellationToken);
    }
}
