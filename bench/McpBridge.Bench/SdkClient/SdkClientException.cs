namespace McpBridge.Bench.SdkClient;

/// <summary>The second client's script failed or fell silent; the message says where, with the end of its log.</summary>
internal sealed class SdkClientException : Exception
{
    public SdkClientException()
    {
    }

    public SdkClientException(string message)
        : base(message)
    {
    }

    public SdkClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
