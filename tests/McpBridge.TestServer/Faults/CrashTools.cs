using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Faults;

/// <summary>The <c>crash-on-call</c> fault's tool.</summary>
[McpServerToolType]
internal static class CrashTools
{
    /// <summary>The exit code of the crash (EX_SOFTWARE).</summary>
    public const int ExitCode = 70;

    [McpServerTool(Name = "crash"), Description("Writes \"panic: boom\" to stderr and kills the server (exit code 70) before answering.")]
    public static string Crash()
    {
        Console.Error.WriteLine("panic: boom");
        Console.Error.Flush();
        ProcessExit.Immediately(ExitCode);
        return "unreachable";
    }
}
