using System.Collections;
using McpBridge.Configuration;
using Microsoft.AspNetCore.Http;

namespace McpBridge.Children;

/// <summary>
/// Builds the environment of a child: by default only what a program needs to run (PATH, HOME, locale, temp),
/// never the gateway's own secrets, plus the server's configured variables.
/// </summary>
internal static class ChildEnvironment
{
    private static readonly HashSet<string> s_passedThrough = new(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TEMP", "TMP",
        "DOTNET_ROOT", "NODE_PATH", "NVM_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
        "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "PROGRAMDATA", "PROGRAMFILES",
    };

    private static readonly HashSet<string> s_withheld = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps a variable that the gateway set for itself (not one it was started with) from every child, even those
    /// that inherit the gateway's environment.
    /// </summary>
    public static void Withhold(string name)
    {
        lock (s_withheld)
        {
            s_withheld.Add(name);
        }
    }

    /// <summary>
    /// The changes to apply on top of the gateway's environment, which a started process inherits:
    /// a <see langword="null"/> value removes the variable.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> For(ServerOptions server)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!server.InheritEnv)
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                var name = (string)entry.Key;
                if (!s_passedThrough.Contains(name))
                {
                    changes[name] = null;
                }
            }
        }

        lock (s_withheld)
        {
            foreach (var name in s_withheld)
            {
                changes[name] = null;
            }
        }

        foreach (var (name, value) in server.Env)
        {
            changes[name] = value;
        }

        return changes;
    }

    /// <summary>
    /// The variables a session's child gets from the request that starts the session (<see cref="ServerOptions.HeaderEnv"/>):
    /// each configured header present on the request, by its variable. <see langword="null"/> when the server passes no
    /// headers (no allocation then); empty when it does but the request had none of them.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? FromHeaders(ServerOptions server, IHeaderDictionary headers)
    {
        if (server.HeaderEnv.Count == 0)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (header, variable) in server.HeaderEnv)
        {
            if (headers.TryGetValue(header, out var value) && value.Count > 0)
            {
                variables[variable] = value.ToString();
            }
        }

        return variables;
    }
}
