using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Auth;

/// <summary>
/// The configured API keys, kept as SHA-256 hashes of their secrets, and the lookup of a presented key. The lookup
/// compares the presented key's hash with every key's in constant time, so neither its length nor which key it
/// nearly matched shows in the time it takes.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly ApiKey[] _keys;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        _keys = [.. ApiKeyEntry.ReadAll(options.Value).Keys.Select(key => new ApiKey(key.Name, SHA256.HashData(Encoding.UTF8.GetBytes(key.Secret))))];
    }

    /// <summary>The key whose secret is <paramref name="presented"/>, or <see langword="null"/>.</summary>
    public ApiKey? Find(ReadOnlySpan<char> presented)
    {
        if (presented.Length is 0 or > AuthOptions.MaximumSecretLength)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[AuthOptions.MaximumSecretLength * 3];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(presented, utf8)], hash);

        ApiKey? found = null;
        foreach (var key in _keys)
        {
            // No early exit: every key is compared, whichever matches.
            if (CryptographicOperations.FixedTimeEquals(hash, key.SecretHash))
            {
                found = key;
            }
        }

        return found;
    }
}
