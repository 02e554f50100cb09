using System.Diagnostics.CodeAnalysis;
using System.Security;

namespace TimeServer.Clock;

/// <summary>
/// Finds IANA time zones by key the way python's <c>zoneinfo.ZoneInfo(key)</c> does: keys are
/// relative file names under the zoneinfo directory, matched case-sensitively, and refused with
/// zoneinfo's own messages.
/// </summary>
internal static class IanaTimeZone
{
    /// <summary>Returns the zone named <paramref name="key"/>.</summary>
    /// <exception cref="TimeQueryException">No such zone; the message is mcp-server-time's ("Invalid timezone: ...").</exception>
    public static TimeZoneInfo Find(string key) =>
        TryFind(key, out var zone, out var error) ? zone : throw new TimeQueryException($"Invalid timezone: {error}");

    /// <summary>Looks up <paramref name="key"/>; on failure <paramref name="error"/> is zoneinfo's message.</summary>
    public static bool TryFind(string key, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? error)
    {
        zone = null;
        error = ValidateKey(key);
        if (error is not null)
        {
            return false;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(key);
            // .NET matches "UTC" and its cache ignoring case; zoneinfo keys are file names, so case matters.
            if (string.Equals(found.Id, key, StringComparison.Ordinal))
            {
                zone = found;
                return true;
            }
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException
                                      or IOException or UnauthorizedAccessException or SecurityException)
        {
            // Not found, a directory, unreadable, or not zone data: told apart below as zoneinfo does.
        }

        if (IsNonZoneFile(key))
        {
            // A file in the zoneinfo tree that holds no zone, such as zone.tab.
            error = "Invalid TZif file: magic not found";
            return false;
        }

        // zoneinfo raises ZoneInfoNotFoundError, a KeyError, whose text python shows quoted.
        error = PythonRepr.Of($"No time zone found with key {key}");
        return false;
    }

    /// <summary>Whether <paramref name="key"/> names a file in the zoneinfo tree that does not start with TZif's magic.</summary>
    private static bool IsNonZoneFile(string key)
    {
        // .NET reads zones from $TZDIR, or /usr/share/zoneinfo; the key is already a safe relative path.
        var directory = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } tzdir ? tzdir : "/usr/share/zoneinfo";
        var path = Path.Combine(directory, key);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            Span<byte> magic = stackalloc byte[4];
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual("TZif"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>zoneinfo's key checks: no absolute paths, no paths that normalize differently, nothing outside the tree.</summary>
    private static string? ValidateKey(string key)
    {
        if (key.StartsWith('/'))
        {
            return $"ZoneInfo keys may not be absolute paths, got: {key}";
        }

        var normalized = NormalizeRelativePath(key);
        if (normalized.Length != key.Length)
        {
            return $"ZoneInfo keys must be normalized relative paths, got: {key}";
        }

        if (normalized is "." or ".." || normalized.StartsWith("../", StringComparison.Ordinal))
        {
            return $"ZoneInfo keys must refer to subdirectories of TZPATH, got: {key}";
        }

        return null;
    }

    /// <summary>POSIX <c>normpath</c> for a relative path: drops empty and "." parts, folds "..".</summary>
    private static string NormalizeRelativePath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return parts.Count == 0 ? "." : string.Join('/', parts);
    }
}
