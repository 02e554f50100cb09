namespace TimeServer.Clock;

/// <summary>The machine's own IANA zone, as <c>tzlocal.get_localzone_name()</c> finds it for the python server.</summary>
internal static class LocalTimeZone
{
    /// <summary>The machine's IANA zone name, or <c>UTC</c> when it has none that can be looked up by name.</summary>
    public static string Detect()
    {
        // On Linux .NET names the local zone after TZ or the /etc/localtime link; it says "Local"
        // or similar when it cannot, and the python server falls back to UTC in that case.
        var id = TimeZoneInfo.Local.Id;
        return IanaTimeZone.TryFind(id, out _, out _) ? id : "UTC";
    }
}
