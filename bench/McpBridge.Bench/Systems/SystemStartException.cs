namespace McpBridge.Bench.Systems;

/// <summary>A system under test did not come up; the message says why, with its last log lines.</summary>
internal sealed class SystemStartException : Exception
{
    public SystemStartException()
    {
    }

    public SystemStartException(string message)
        : base(message)
    {
    }

    public SystemStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
