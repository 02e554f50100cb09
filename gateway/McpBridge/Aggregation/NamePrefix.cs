using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using McpBridge.Configuration;

namespace McpBridge.Aggregation;

/// <summary>
/// How one server's tool and prompt names appear on the aggregated endpoint: its prefix, then the name, made valid for
/// the tool-name rule of Claude and most clients (<c>^[a-zA-Z0-9_-]{1,64}$</c>). Names that already fit keep every
/// character; others have each other character replaced by <c>_</c>, and a long one is cut with a hash of the whole
/// name at its end, so that two names never come out the same.
/// </summary>
internal sealed class NamePrefix(string value)
{
    public const int MaxNameLength = 64;
    private const int HashLength = 8;

    private static readonly SearchValues<char> Valid = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    /// <summary>The prefix itself; empty when the server's names are not prefixed.</summary>
    public string Value { get; } = value;

    /// <summary>The effective prefix of a server: its configured <c>Tools:Prefix</c>, else its name (made valid) and <c>__</c>.</summary>
    public static NamePrefix Of(string server, ServerOptions options) =>
        new(options.Tools.Prefix ?? Sanitize(server) + ToolsOptions.DefaultSeparator);

    /// <summary>The name a client sees for the server's <paramref name="name"/>.</summary>
    public string Expose(string name)
    {
        var exposed = Value + name;
        if (exposed.Length <= MaxNameLength && exposed.Length > 0 && !exposed.AsSpan().ContainsAnyExcept(Valid))
        {
            return exposed;
        }

        // Sanitized names could meet (a.b and a_b): the hash of the original keeps them apart.
        var body = Value + Sanitize(name);
        const int room = MaxNameLength - HashLength - 1;
        return (body.Length > room ? body[..room] : body) + "_" + Hash(name);
    }

    /// <summary>Whether <paramref name="exposed"/> could be one of this server's names, and the name it would stand for.</summary>
    public bool TryStrip(string exposed, out string name)
    {
        name = exposed.StartsWith(Value, StringComparison.Ordinal) ? exposed[Value.Length..] : "";
        return name.Length > 0;
    }

    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!Valid.Contains(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static string Hash(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, HashLength / 2));
}
