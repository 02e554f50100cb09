using System.Runtime.InteropServices;

namespace McpBridge.TestServer.Faults;

/// <summary>Ends the process the way a crash does: at once, with no orderly shutdown.</summary>
internal static class ProcessExit
{
    /// <summary>
    /// Exits with <paramref name="exitCode"/> without running shutdown handlers, so nothing
    /// (no error reply, no flush of pending output) reaches stdout after the crash.
    /// </summary>
    public static void Immediately(int exitCode)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Exit(exitCode);
        }

        Environment.Exit(exitCode);
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code for nothing more than an int.
    [DllImport("libc", EntryPoint = "_exit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void Exit(int status);
}
