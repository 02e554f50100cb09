using System.Collections;
using System.Diagnostics;

namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// The spans an in-memory exporter hands over, as they end; a test waits for the one it expects (a span ends after
/// the response it belongs to has been sent, so it may arrive a moment after the client has its answer).
/// </summary>
internal sealed class SpanLog : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The first ended span that matches, waiting for it up to 30 s.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task added;
            lock (_gate)
            {
                if (_spans.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                added = _added.Task;
            }

            try
            {
                await added.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}. Spans: {string.Join(", ", Snapshot().Select(span => span.DisplayName))}");
            }
        }
    }

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_gate)
        {
            return [.. _spans];
        }
    }

    public void Add(Activity item)
    {
        TaskCompletionSource added;
        lock (_gate)
        {
            _spans.Add(item);
            added = _added;
            _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item) => Snapshot().Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().ToList().CopyTo(array, arrayIndex);

    public bool Remove(Activity item)
    {
        lock (_gate)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
