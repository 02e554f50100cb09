namespace McpBridge.TestServer.Faults;

/// <summary>The <c>exit-at-start</c> fault: a server that dies before reading anything.</summary>
internal static class ExitAtStart
{
    /// <summary>The exit code, like a server that could not open its database.</summary>
    public const int ExitCode = 3;

    /// <summary>Prints the fatal line to stderr and returns <see cref="ExitCode"/>.</summary>
    public static int Run()
    {
        Console.Error.WriteLine("fatal: cannot open database");
        Console.Error.Flush();
        return ExitCode;
    }
}
