namespace TimeServer.Clock;

/// <summary>
/// A time query that cannot be answered: an unknown zone, a malformed time, a missing argument.
/// The message is the one mcp-server-time gives for the same mistake.
/// </summary>
internal sealed class TimeQueryException : Exception
{
    /// <summary>Creates the exception with mcp-server-time's message for the mistake.</summary>
    public TimeQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an empty message.</summary>
    public TimeQueryException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TimeQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
