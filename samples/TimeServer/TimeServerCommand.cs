using System.CommandLine;
using TimeServer.Clock;

namespace TimeServer;

/// <summary>The command line of <c>mcp-server-time</c>: <c>--local-timezone TZ</c>, then serve over stdio.</summary>
internal static class TimeServerCommand
{
    /// <summary>Parses <paramref name="args"/> and serves until stdin closes; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var localTimeZone = new Option<string?>("--local-timezone")
        {
            Description = "Override local timezone",
            HelpName = "LOCAL_TIMEZONE",
        };
        localTimeZone.Validators.Add(result =>
        {
            var key = result.GetValueOrDefault<string?>();
            if (!string.IsNullOrEmpty(key) && !IanaTimeZone.TryFind(key, out _, out var error))
            {
                result.AddError($"--local-timezone: Invalid timezone: {error}. Give an IANA time zone name such as 'Europe/Paris' or 'UTC'.");
            }
        });

        var root = new RootCommand("give a model the ability to handle time queries and timezone conversions")
        {
            localTimeZone,
        };
        root.SetAction((parseResult, cancellationToken) =>
        {
            // Like the python server, an empty value means "not given": use the machine's zone.
            var key = parseResult.GetValue(localTimeZone);
            var options = new TimeServerOptions
            {
                LocalTimeZone = string.IsNullOrEmpty(key) ? LocalTimeZone.Detect() : key,
            };
            return TimeServerHost.RunAsync(options, cancellationToken);
        });

        // Help and parse errors must never reach stdout, which belongs to the JSON-RPC stream.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
    }
}
