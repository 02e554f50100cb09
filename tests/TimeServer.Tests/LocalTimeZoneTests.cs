using System.Diagnostics;
using TimeServer.Tests.Infrastructure;

namespace TimeServer.Tests;

/// <summary><c>--local-timezone</c>: the zone the tool descriptions offer when the user names none.</summary>
public sealed class LocalTimeZoneTests
{
    [Fact]
    public async Task LocalTimeZoneOption_IsNamedInEveryTimezoneDescription()
    {
        await using var client = await TimeServerProcess.StartAsync(["--local-timezone", "Asia/Tokyo"]);

        var descriptions = await TimezoneDescriptionsAsync(client);

        Assert.Equal(3, descriptions.Count);
        Assert.All(descriptions, description => Assert.Contains("Use 'Asia/Tokyo' as local timezone", description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheOption_TheMachinesZoneIsNamed()
    {
        // .NET, like python's tzlocal, takes the machine's zone from TZ first.
        await using var client = await TimeServerProcess.StartAsync([], new Dictionary<string, string?> { ["TZ"] = "America/Denver" });

        var descriptions = await TimezoneDescriptionsAsync(client);

        Assert.All(descriptions, description => Assert.Contains("Use 'America/Denver' as local timezone", description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownLocalTimeZone_StopsTheServerWithAnErrorOnStderr()
    {
        using var process = Process.Start(new ProcessStartInfo(TimeServerProcess.DotnetPath)
        {
            ArgumentList = { TimeServerProcess.DllPath, "--local-timezone", "Mars/Base" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeServerProcess.Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Invalid timezone: 'No time zone found with key Mars/Base'", await stderr, StringComparison.Ordinal);
        Assert.Equal("", await stdout);
    }

    private static async Task<List<string>> TimezoneDescriptionsAsync(ModelContextProtocol.Client.McpClient client)
    {
        var tools = await RawMcp.ListToolsAsync(client);
        return [.. tools["tools"]!.AsArray()
            .SelectMany(tool => tool!["inputSchema"]!["properties"]!.AsObject())
            .Where(property => property.Key.EndsWith("timezone", StringComparison.Ordinal))
            .Select(property => (string)property.Value!["description"]!)];
    }
}
