namespace TimeServer;

/// <summary>What the command line decided for this run of the server.</summary>
internal sealed class TimeServerOptions
{
    /// <summary>
    /// The IANA zone the tool descriptions offer as the user's local zone (<c>--local-timezone</c>;
    /// by default the machine's zone, or <c>UTC</c> when that cannot be named).
    /// </summary>
    public required string LocalTimeZone { get; init; }
}
