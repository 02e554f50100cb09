using Microsoft.Extensions.Logging;

namespace TimeServer;

/// <summary>The server's log messages.</summary>
internal static partial class TimeServerLog
{
    /// <summary>The server starts serving.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving mcp-time over stdio; local time zone {LocalTimeZone}")]
    public static partial void Serving(ILogger logger, string localTimeZone);
}
