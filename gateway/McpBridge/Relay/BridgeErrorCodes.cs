namespace McpBridge.Relay;

/// <summary>JSON-RPC error codes of errors the gateway itself raises (the child's own errors pass through unchanged).</summary>
public static class BridgeErrorCodes
{
    /// <summary>The child process ended or could not be reached (as the MCP SDKs' "connection closed").</summary>
    public const int ChildUnavailable = -32000;

    /// <summary>The child did not answer within the server's request timeout (as the MCP SDKs' "request timeout").</summary>
    public const int RequestTimeout = -32001;

    /// <summary>2026-07-28: the request needs a client capability the client did not declare.</summary>
    public const int MissingRequiredClientCapability = -32021;

    /// <summary>JSON-RPC internal error.</summary>
    public const int InternalError = -32603;

    /// <summary>JSON-RPC invalid params.</summary>
    public const int InvalidParams = -32602;

    /// <summary>MCP before 2026-07-28: the resource does not exist.</summary>
    public const int ResourceNotFound = -32002;

    /// <summary>JSON-RPC method not found.</summary>
    public const int MethodNotFound = -32601;
}
