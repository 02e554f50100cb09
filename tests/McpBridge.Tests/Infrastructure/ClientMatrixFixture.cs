using System.Collections.Concurrent;
using System.Text;

namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// The gateway that every client of the matrix talks to, and what each client did. Once every row has run, the results
/// replace the table in README.md between <see cref="TableStart"/> and <see cref="TableEnd"/>: the README shows what the
/// last full run saw, never a hand-typed claim.
/// </summary>
public sealed class ClientMatrixFixture : IAsyncLifetime
{
    public const string TableStart = "<!-- client-matrix: written by tests/McpBridge.Tests/EndToEnd/ClientMatrixTests.cs -->";
    public const string TableEnd = "<!-- /client-matrix -->";

    private readonly ConcurrentDictionary<string, ClientMatrixResult> _results = new(StringComparer.Ordinal);

    internal GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>How many rows the matrix has; the README is rewritten only when all of them ran.</summary>
    public int Rows { get; set; }

    public async Task InitializeAsync() => Gateway = await GatewayProcess.ServeAsync([], "dotnet", RepoPaths.TestServerDll);

    public void Record(string row, ClientMatrixResult result) => _results[row] = result;

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (Rows > 0 && _results.Count == Rows)
        {
            await WriteReadmeAsync();
        }
    }

    private async Task WriteReadmeAsync()
    {
        var readme = Path.Combine(RepoPaths.Root, "README.md");
        var text = await File.ReadAllTextAsync(readme);
        var start = text.IndexOf(TableStart, StringComparison.Ordinal);
        var end = text.IndexOf(TableEnd, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return;
        }

        var table = new StringBuilder(TableStart).Append('\n');
        table.Append("| client | version | transport | endpoint | ").AppendJoin(" | ", ClientMatrixResult.StepNames).Append(" |\n");
        table.Append("|---|---|---|---|").Append(string.Concat(ClientMatrixResult.StepNames.Select(_ => "---|"))).Append('\n');
        foreach (var result in _results.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value))
        {
            table.Append($"| {result.Client} | {result.Version} | {result.Transport} | `{result.Endpoint}` | ").AppendJoin(" | ", result.Steps).Append(" |\n");
        }

        await File.WriteAllTextAsync(readme, text[..start] + table + text[end..]);
    }
}
