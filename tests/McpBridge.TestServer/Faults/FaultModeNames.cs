namespace McpBridge.TestServer.Faults;

/// <summary>The command-line names of the <see cref="FaultMode"/> values.</summary>
internal static class FaultModeNames
{
    private static readonly Dictionary<string, FaultMode> s_byName = new(StringComparer.Ordinal)
    {
        ["exit-at-start"] = FaultMode.ExitAtStart,
        ["crash-on-call"] = FaultMode.CrashOnCall,
        ["hang"] = FaultMode.Hang,
        ["garbage-stdout"] = FaultMode.GarbageStdout,
    };

    /// <summary>Every accepted name, for help text and error messages.</summary>
    public static IReadOnlyCollection<string> All => s_byName.Keys;

    /// <summary>Finds the mode called <paramref name="name"/>.</summary>
    public static bool TryParse(string name, out FaultMode mode) => s_byName.TryGetValue(name, out mode);
}
