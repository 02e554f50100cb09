namespace McpBridge.Telemetry;

/// <summary>
/// Attribute names of the bridge's spans and metrics: the OpenTelemetry MCP and JSON-RPC conventions where they
/// have one, <c>mcpbridge.*</c> for what is the bridge's own.
/// </summary>
internal static class BridgeTags
{
    public const string McpMethod = "mcp.method.name";
    public const string McpSessionId = "mcp.session.id";
    public const string McpProtocolVersion = "mcp.protocol.version";
    public const string McpResourceUri = "mcp.resource.uri";
    public const string JsonRpcRequestId = "jsonrpc.request.id";
    public const string JsonRpcErrorCode = "rpc.jsonrpc.error_code";
    public const string RpcResponseStatusCode = "rpc.response.status_code";
    public const string ErrorType = "error.type";
    public const string ToolName = "gen_ai.tool.name";
    public const string PromptName = "gen_ai.prompt.name";
    public const string GenAiOperation = "gen_ai.operation.name";

    public const string Server = "mcpbridge.server";
    public const string Policy = "mcpbridge.policy";
    public const string ChildPid = "mcpbridge.child.pid";
    public const string ChildRole = "mcpbridge.child.role";
    public const string ExitReason = "mcpbridge.child.exit.reason";
    public const string Outcome = "mcpbridge.outcome";
    public const string Resumed = "mcpbridge.resumed";
    public const string RejectionReason = "mcpbridge.rejection.reason";
}
