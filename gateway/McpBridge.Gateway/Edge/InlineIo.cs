using McpBridge.Children;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace McpBridge.Gateway.Edge;

/// <summary>
/// Runs the gateway's I/O completions (the clients' sockets and the children's pipes) and the request pipeline on
/// the I/O threads, instead of handing each one to the thread pool (<c>Edge:InlineIo</c>, on by default). A relayed
/// call then crosses two or three threads instead of six or seven; each hand-off wakes a thread that spins before
/// it sleeps again, which cost about half of the gateway's CPU per call at low concurrency (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Safe only because nothing on the gateway's request path blocks a thread: pipes and sockets are written
/// asynchronously and children are started off the I/O threads. Code that could block (a plug-in, a debugger's
/// breakpoint) stalls every connection of its I/O thread; <c>Edge:InlineIo=false</c> restores the thread pool.
/// </remarks>
internal static class InlineIo
{
    public const string Key = $"{EdgeOptions.SectionName}:InlineIo";

    // Read once by .NET's sockets, when the first socket operation starts; none has when the host is being built.
    private const string SocketsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static WebApplicationBuilder UseInlineIoUnlessDisabled(this WebApplicationBuilder builder)
    {
        // Read by hand: a value that is not a boolean is a start-up validation error naming the key, not a binder exception.
        var value = builder.Configuration[Key];
        var valid = bool.TryParse(value ?? bool.TrueString, out var enabled);
        builder.Services.AddOptions<EdgeOptions>().Validate(_ => valid, $"{Key} is '{value}': set it to true or false.");
        if (!valid || !enabled)
        {
            return builder;
        }

        if (Environment.GetEnvironmentVariable(SocketsVariable) is null)
        {
            Environment.SetEnvironmentVariable(SocketsVariable, "1");
            // A setting of the gateway's own, not of the user's environment: children do not inherit it.
            ChildEnvironment.Withhold(SocketsVariable);
        }

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        return builder;
    }
}
