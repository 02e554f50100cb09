using System.Globalization;
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
/// It also gives the I/O one event thread per two cores where .NET's inline mode gives one per core: a relay shares the
/// machine with its clients and children, and an event thread that serves more sockets sleeps and wakes less often.
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

    /// <summary>The variable .NET reads, at the same moment, for the number of its socket event threads.</summary>
    public const string EventThreadsVariable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>The variables a service's inline I/O sets; a process it starts should not inherit them.</summary>
    public static IReadOnlyList<string> Variables { get; } = [SocketsVariable, EventThreadsVariable];

    /// <summary>
    /// Turns inline I/O on unless <paramref name="key"/> is <c>false</c>; a value that is not a boolean is a start-up
    /// validation error naming the key. Returns the variables this set (<see cref="Variables"/> that were not set
    /// before: a value the user gave stays, and is theirs to pass on), so that the caller can keep them from processes
    /// it starts.
    /// </summary>
    public static IReadOnlyList<string> UseInlineIoUnlessDisabled(this WebApplicationBuilder builder, string key)
    {
        var value = builder.Configuration[key];
        var valid = bool.TryParse(value ?? bool.TrueString, out var enabled);
        builder.Services.AddOptions<InlineIoSetting>()
            .Validate(_ => valid, $"{key} is '{value}': set it to true or false.")
            .ValidateOnStart();
        if (!valid || !enabled)
        {
            return [];
        }

        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        var set = new List<string>(Variables.Count);
        SetUnlessGiven(SocketsVariable, "1", set);
        SetUnlessGiven(EventThreadsVariable, Math.Max(1, Environment.ProcessorCount / 2).ToString(CultureInfo.InvariantCulture), set);
        return set;
    }

    private static void SetUnlessGiven(string variable, string value, List<string> set)
    {
        if (Environment.GetEnvironmentVariable(variable) is null)
        {
            Environment.SetEnvironmentVariable(variable, value);
            set.Add(variable);
        }
    }

    /// <summary>Carries the validation of the setting (start-up validation works on options types).</summary>
    private sealed class InlineIoSetting;
}
