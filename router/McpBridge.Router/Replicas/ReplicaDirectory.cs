using System.Collections.Concurrent;

namespace McpBridge.Router.Replicas;

/// <summary>Every replica the router knows, by address and by name.</summary>
internal sealed class ReplicaDirectory
{
    private readonly ConcurrentDictionary<string, Replica> _replicas = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    // Read by every request, changed only when discovery adds or drops a replica: a sorted array that requests walk
    // without a lock or an allocation.
    private volatile Replica[] _all = [];

    /// <summary>Every replica now, in address order.</summary>
    public IReadOnlyList<Replica> All => _all;

    public Replica? FindById(string id) => _replicas.GetValueOrDefault(id);

    /// <summary>
    /// The replica that calls itself <paramref name="name"/> (empty: none); a reachable one wins if an old address
    /// still claims it.
    /// </summary>
    public Replica? FindByName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        Replica? found = null;
        foreach (var replica in _all)
        {
            if (replica.Name is { } known && name.SequenceEqual(known))
            {
                if (replica.IsReachable)
                {
                    return replica;
                }

                found ??= replica;
            }
        }

        return found;
    }

    /// <summary>
    /// Takes the addresses discovery found now: new ones are added, known ones come back from retirement, and the ones
    /// no longer found are retired (they keep serving their sessions until unreachable, then <see cref="RemoveGone"/>
    /// drops them). Returns the replicas added.
    /// </summary>
    public IReadOnlyList<Replica> Sync(IReadOnlyCollection<Uri> discovered)
    {
        var ids = discovered.Select(address => address.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var added = new List<Replica>();
        lock (_lock)
        {
            foreach (var address in discovered)
            {
                if (_replicas.TryGetValue(address.AbsoluteUri, out var known))
                {
                    known.Retire(false);
                }
                else if (_replicas.TryAdd(address.AbsoluteUri, new Replica(address)))
                {
                    added.Add(_replicas[address.AbsoluteUri]);
                }
            }

            foreach (var replica in _replicas.Values.Where(replica => !ids.Contains(replica.Id)))
            {
                replica.Retire(true);
            }

            if (added.Count > 0)
            {
                Snapshot();
            }
        }

        return added;
    }

    /// <summary>Drops the retired replicas that no longer answer.</summary>
    public IReadOnlyList<Replica> RemoveGone()
    {
        List<Replica> gone;
        lock (_lock)
        {
            gone = [.. _replicas.Values.Where(replica => replica.IsRetired && !replica.IsReachable)];
            foreach (var replica in gone)
            {
                _replicas.TryRemove(replica.Id, out _);
            }

            if (gone.Count > 0)
            {
                Snapshot();
            }
        }

        return gone;
    }

    private void Snapshot() => _all = [.. _replicas.Values.OrderBy(replica => replica.Id, StringComparer.Ordinal)];
}
