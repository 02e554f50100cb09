using System.Collections.Concurrent;

namespace McpBridge.Router.Replicas;

/// <summary>Every replica the router knows, by address and by name.</summary>
internal sealed class ReplicaDirectory
{
    private readonly ConcurrentDictionary<string, Replica> _replicas = new(StringComparer.Ordinal);

    /// <summary>Raised when replicas are added or removed (not when their state changes).</summary>
    public event Action? Changed;

    public IReadOnlyCollection<Replica> All => [.. _replicas.Values.OrderBy(replica => replica.Id, StringComparer.Ordinal)];

    public Replica? FindById(string id) => _replicas.GetValueOrDefault(id);

    /// <summary>The replica that calls itself <paramref name="name"/>; a reachable one wins if an old address still claims it.</summary>
    public Replica? FindByName(string name) =>
        _replicas.Values
            .Where(replica => string.Equals(replica.Name, name, StringComparison.Ordinal))
            .OrderByDescending(replica => replica.IsReachable)
            .FirstOrDefault();

    /// <summary>
    /// Takes the addresses discovery found now: new ones are added, known ones come back from retirement, and the ones
    /// no longer found are retired (they keep serving their sessions until unreachable, then <see cref="RemoveGone"/>
    /// drops them). Returns the replicas added.
    /// </summary>
    public IReadOnlyList<Replica> Sync(IReadOnlyCollection<Uri> discovered)
    {
        var ids = discovered.Select(address => address.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var added = new List<Replica>();
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
            Changed?.Invoke();
        }

        return added;
    }

    /// <summary>Drops the retired replicas that no longer answer.</summary>
    public IReadOnlyList<Replica> RemoveGone()
    {
        var gone = _replicas.Values.Where(replica => replica.IsRetired && !replica.IsReachable).ToList();
        foreach (var replica in gone)
        {
            _replicas.TryRemove(replica.Id, out _);
        }

        if (gone.Count > 0)
        {
            Changed?.Invoke();
        }

        return gone;
    }
}
