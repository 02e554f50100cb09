using ModelContextProtocol.Protocol;

namespace McpBridge.Sessions;

/// <summary>Which client capability a server-to-client request needs, and whether the client declared it.</summary>
internal static class ClientCapabilityCheck
{
    /// <summary>The name of the capability the client lacks for <paramref name="method"/>, or <see langword="null"/>.</summary>
    public static string? Missing(ClientCapabilities? capabilities, string method) => method switch
    {
        RequestMethods.SamplingCreateMessage when capabilities?.Sampling is null => "sampling",
        RequestMethods.ElicitationCreate when capabilities?.Elicitation is null => "elicitation",
        RequestMethods.RootsList when capabilities?.Roots is null => "roots",
        _ => null,
    };
}
