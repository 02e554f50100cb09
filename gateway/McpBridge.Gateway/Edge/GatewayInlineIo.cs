using McpBridge.Children;
using McpBridge.ServiceDefaults;

namespace McpBridge.Gateway.Edge;

/// <summary>
/// Inline I/O for the gateway (<c>Edge:InlineIo</c>, on by default; <see cref="ServiceDefaults.InlineIo"/>): a relayed call
/// then crosses two or three threads instead of six or seven. Safe because nothing on the gateway's request path blocks
/// a thread: pipes and sockets are written asynchronously and children are started off the I/O threads.
/// </summary>
internal static class GatewayInlineIo
{
    public const string Key = $"{EdgeOptions.SectionName}:InlineIo";

    public static WebApplicationBuilder UseInlineIoUnlessDisabled(this WebApplicationBuilder builder)
    {
        if (builder.UseInlineIoUnlessDisabled(Key))
        {
            // A setting of the gateway's own, not of the user's environment: children do not inherit it.
            ChildEnvironment.Withhold(InlineIo.SocketsVariable);
        }

        return builder;
    }
}
