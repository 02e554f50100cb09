namespace McpBridge.Relay;

/// <summary>A request could not be written to a child that has ended: the child never saw it, so it is safe to send elsewhere.</summary>
public sealed class ChildUnavailableException(string message, Exception innerException) : IOException(message, innerException);
