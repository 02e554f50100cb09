using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpBridge.ServiceDefaults;

/// <summary>
/// Runs a service's I/O completions (sockets, and pipes, which .NET drives the same way) and its request pipeline on
/// the I/O threads, instead of handing each one to the thread pool. Every hand-off wakes a thread that spins before it
/// sleeps again; for a relay that does little work per message, those hand-offs were most of its CPU (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Safe only for a service whose request path never blocks a thread: code that blocks (a plug-in, a debugger's
/// breakpoint) stalls every connection of its I/O thread. The setting turns it off.
/// </remarks>
public static class InlineIo
{
    /// <summary>
    /// The variable .NET's sockets read once, when the first socket operation starts (none has while the host is being
    /// built). A process started by the service inherits it unless told otherwise.
    /// </summary>
    public const string SocketsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Turns inline I/O on unless <paramref name="key"/> is <c>false</c>; a value that is not a boolean is a start-up
    /// validation error naming the key. Returns whether this set <see cref="SocketsVariable"/> (it was not set before),
    /// so that the caller can keep it from processes it starts.
    /// </summary>
    public static bool UseInlineIoUnlessDisabled(this WebApplicationBuilder builder, string key)
    {
        var value = builder.Configuration[key];
        var valid = bool.TryParse(value ?? bool.TrueString, out var enabled);
        builder.Services.AddOptions<InlineIoSetting>()
            .Validate(_ => valid, $"{key} is '{value}': set it to true or false.")
            .ValidateOnStart();
        if (!valid || !enabled)
        {
            return false;
        }

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        if (Environment.GetEnvironmentVariable(SocketsVariable) is not null)
        {
            return false;
        }

        Environment.SetEnvironmentVariable(SocketsVariable, "1");
        return true;
    }

    /// <summary>Carries the validation of the setting (start-up validation works on options types).</summary>
    private sealed class InlineIoSetting;
}
