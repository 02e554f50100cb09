using System.CommandLine;
using McpBridge.TestServer.Faults;

namespace McpBridge.TestServer.Hosting;

/// <summary>The command line: parses the flags into <see cref="TestServerOptions"/> and runs the server.</summary>
internal static class TestServerCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the server they describe; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var fault = new Option<string?>("--fault")
        {
            Description = $"Misbehave on purpose: {string.Join(", ", FaultModeNames.All)}.",
        };
        fault.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string?>();
            if (name is not null && !FaultModeNames.TryParse(name, out _))
            {
                result.AddError($"Unknown fault '{name}'. Use one of: {string.Join(", ", FaultModeNames.All)}.");
            }
        });

        var startupDelay = new Option<int>("--startup-delay-ms")
        {
            Description = "Sleep this many milliseconds before serving.",
            DefaultValueFactory = _ => 0,
        };
        startupDelay.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--startup-delay-ms must be 0 or more.");
            }
        });

        var http = new Option<string?>("--http")
        {
            Description = "Serve Streamable HTTP at this loopback URL (e.g. http://127.0.0.1:5071/mcp) instead of stdio.",
        };
        http.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && ParseLoopbackUrl(text) is null)
            {
                result.AddError($"--http must be an absolute http:// URL on a loopback address (e.g. http://127.0.0.1:5071/mcp), not '{text}'.");
            }
        });

        var pageSize = new Option<int?>("--page-size")
        {
            Description = "Answer tools/list and resources/list this many entries a page (default: all in one).",
        };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--page-size must be 1 or more.");
            }
        });

        var root = new RootCommand("A stdio MCP server for McpBridge's tests: the conformance contract, or a fault on request.")
        {
            fault,
            startupDelay,
            http,
            pageSize,
        };
        root.SetAction((parseResult, cancellationToken) =>
        {
            var options = new TestServerOptions
            {
                Fault = parseResult.GetValue(fault) is { } name && FaultModeNames.TryParse(name, out var mode) ? mode : FaultMode.None,
                StartupDelay = TimeSpan.FromMilliseconds(parseResult.GetValue(startupDelay)),
                HttpUrl = parseResult.GetValue(http) is { } text ? ParseLoopbackUrl(text) : null,
                PageSize = parseResult.GetValue(pageSize),
            };
            return TestServerRunner.RunAsync(options, cancellationToken);
        });

        // Help and parse errors must never reach stdout, which belongs to the JSON-RPC stream.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
    }

    private static Uri? ParseLoopbackUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback ? url : null;
}
