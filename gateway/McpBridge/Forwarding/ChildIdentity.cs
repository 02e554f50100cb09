using System.Text.Json.Nodes;
using McpBridge.Relay;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>
/// Makes the gateway introduce itself as the child: the SDK answers <c>initialize</c> and <c>server/discover</c>,
/// and this puts the child's own server info, instructions and capabilities (experimental ones and fields the
/// SDK's model does not know included) into those answers.
/// </summary>
internal static class ChildIdentity
{
    /// <summary>Sets the options the SDK builds its answers from, so that its own logic sees the child's capabilities.</summary>
    public static void Apply(McpServerOptions options, ChildConnection child) => Apply(options, child.InitializeResult);

    /// <summary>Sets the options the SDK builds its answers from to <paramref name="identity"/>.</summary>
    public static void Apply(McpServerOptions options, InitializeResult identity)
    {
        options.ServerInfo = identity.ServerInfo;
        options.ServerInstructions = identity.Instructions;
        options.Capabilities = identity.Capabilities;
    }

    /// <summary>An outgoing filter that replaces the SDK's own fields in handshake answers with the child's raw ones.</summary>
    public static McpMessageFilter Mirror(Func<JsonObject?> initializeResult)
    {
        return next => async (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result } &&
                IsHandshakeAnswer(result) && initializeResult() is { } own)
            {
                result["capabilities"] = own["capabilities"]?.DeepClone();
                result["serverInfo"] = own["serverInfo"]?.DeepClone();

                if (own["instructions"] is { } instructions)
                {
                    result["instructions"] = instructions.DeepClone();
                }
            }

            await next(context, cancellationToken);
        };
    }

    /// <summary>An <c>initialize</c> result; <c>server/discover</c> keeps the SDK's answer, which drops what a stateless client cannot receive.</summary>
    private static bool IsHandshakeAnswer(JsonObject result) =>
        result.ContainsKey("protocolVersion") && result.ContainsKey("capabilities") && result.ContainsKey("serverInfo");
}
