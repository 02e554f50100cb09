using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace McpBridge.Forwarding;

/// <summary>
/// The stateless calls waiting for a client's retry, by the unguessable <c>requestState</c> the client got.
/// A call the client does not resume in time is abandoned and cancelled on the child.
/// </summary>
internal sealed class PausedCalls(TimeProvider timeProvider, Microsoft.Extensions.Options.IOptions<Configuration.BridgeOptions> options)
{
    // The replica prefix lets a router send the retry to the replica that holds the paused call.
    private readonly string _prefix = options.Value.ReplicaId + ".";

    private readonly ConcurrentDictionary<string, StatelessCall> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    /// <summary>Keeps <paramref name="call"/> for <paramref name="timeout"/> and returns the state that resumes it.</summary>
    public string Add(StatelessCall call, TimeSpan timeout)
    {
        var state = _prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        _calls[state] = call;
        _ = ExpireAsync(state, call, timeout);
        return state;
    }

    /// <summary>
    /// Takes the call a retry of <paramref name="caller"/> resumes; a state is good for one retry only. Another
    /// caller's state is not found, and stays for its owner.
    /// </summary>
    public bool TryTake(string state, string? caller, out StatelessCall call)
    {
        if (_calls.TryGetValue(state, out var found) && Sessions.CallerIdentity.IsOwner(found.Owner, caller) &&
            _calls.TryRemove(new KeyValuePair<string, StatelessCall>(state, found)))
        {
            call = found;
            return true;
        }

        call = null!;
        return false;
    }

    private async Task ExpireAsync(string state, StatelessCall call, TimeSpan timeout)
    {
        try
        {
            await Task.Delay(timeout, timeProvider, call.Lifetime);
        }
        catch (OperationCanceledException)
        {
            // Abandoned already.
        }

        if (_calls.TryRemove(new KeyValuePair<string, StatelessCall>(state, call)))
        {
            call.Cancel();
        }
    }
}
