using System.Runtime.InteropServices;

namespace McpBridge.Children;

/// <summary>Sends SIGTERM to a process by pid where the platform has signals.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Whether SIGTERM was sent; <see langword="false"/> on Windows or when the process is gone.</summary>
    public static bool TryTerminate(int pid) =>
        !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
