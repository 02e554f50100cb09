namespace McpBridge.Children;

/// <summary>A child process could not be started or did not complete the MCP handshake.</summary>
public sealed class ChildStartException(string message, Exception? innerException = null) : Exception(message, innerException);
