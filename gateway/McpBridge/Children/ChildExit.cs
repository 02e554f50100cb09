namespace McpBridge.Children;

/// <summary>How a child process ended: its exit code (when known) and the last lines of its stderr.</summary>
public sealed record ChildExit(int? ExitCode, string StderrTail, bool StoppedByGateway)
{
    /// <summary>A sentence for error messages: what ended, with the child's own last words.</summary>
    public string Describe(string server)
    {
        if (StoppedByGateway)
        {
            // Its stderr then tells of the stop, not of a fault.
            return $"The MCP server '{server}' was stopped by the gateway: its session ended or the gateway is shutting down. " +
                "Start a new session to go on.";
        }

        var how = ExitCode is { } code ? $"exited with code {code}" : "ended";
        return StderrTail.Length == 0
            ? $"The MCP server '{server}' {how}."
            : $"The MCP server '{server}' {how}. Its last stderr lines:\n{StderrTail}";
    }
}
