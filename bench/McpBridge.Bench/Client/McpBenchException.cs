namespace McpBridge.Bench.Client;

/// <summary>A server answered in a way the bench client cannot use (HTTP status, missing reply, JSON-RPC error).</summary>
internal sealed class McpBenchException : Exception
{
    public McpBenchException()
    {
    }

    public McpBenchException(string message)
        : base(message)
    {
    }

    public McpBenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
