namespace McpBridge.Children;

/// <summary>The last lines a child wrote to stderr, kept to explain its failures.</summary>
internal sealed class StderrTail(int capacity = 20, int maxLineLength = 500)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        if (line.Length > maxLineLength)
        {
            line = string.Concat(line.AsSpan(0, maxLineLength), "…");
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines joined by newlines, or an empty string.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines);
        }
    }
}
