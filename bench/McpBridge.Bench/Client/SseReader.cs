using System.Runtime.CompilerServices;
using System.Text;

namespace McpBridge.Bench.Client;

/// <summary>Reads a <c>text/event-stream</c> body and yields the data of each event (multi-line data joined with newlines).</summary>
internal static class SseReader
{
    public static async IAsyncEnumerable<string> ReadDataAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        StringBuilder? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is { Length: > 0 })
                {
                    yield return data.ToString();
                }

                data = null;
                continue;
            }

            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // event:, id:, retry: and comments carry nothing the bench checks
            }

            var value = line.AsSpan(5);
            if (value.StartsWith(" "))
            {
                value = value[1..];
            }

            if (data is null)
            {
                data = new StringBuilder();
            }
            else
            {
                data.Append('\n');
            }

            data.Append(value);
        }

        if (data is { Length: > 0 })
        {
            yield return data.ToString();
        }
    }
}
