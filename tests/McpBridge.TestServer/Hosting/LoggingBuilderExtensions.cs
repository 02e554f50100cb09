using Microsoft.Extensions.Logging;

namespace McpBridge.TestServer.Hosting;

/// <summary>Logging set-up shared by both hosts.</summary>
internal static class LoggingBuilderExtensions
{
    /// <summary>
    /// Sends every log line to stderr: stdout belongs to the JSON-RPC stream, and the
    /// gateway captures a child's stderr line by line. Only warnings and worse by default
    /// (<c>Logging__LogLevel__Default</c> changes it), so benchmarks see a quiet child.
    /// </summary>
    public static ILoggingBuilder LogToStandardError(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        return logging;
    }
}
