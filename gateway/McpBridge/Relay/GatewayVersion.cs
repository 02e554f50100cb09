using System.Reflection;

namespace McpBridge.Relay;

/// <summary>The gateway's version as it introduces itself to children.</summary>
internal static class GatewayVersion
{
    public static readonly string Value =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
