using System.CommandLine;

namespace McpBridge.Gateway.CommandLine;

/// <summary><c>mcpbridge [--urls URL] [--config FILE] [options] -- COMMAND [ARGS...]</c></summary>
internal static class GatewayCommandLine
{
    /// <summary>Parses the gateway's options; everything after the first <c>--</c> is the child's command line, untouched.</summary>
    public static ParseResult Parse(string[] args, Func<GatewaySettings, Task<int>> run)
    {
        var separator = Array.IndexOf(args, "--");
        var options = separator < 0 ? args : args[..separator];
        string[] command = separator < 0 ? [] : args[(separator + 1)..];
        return Create(command, run).Parse(options);
    }

    private static RootCommand Create(string[] command, Func<GatewaySettings, Task<int>> run)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:8000; inside a container set http://0.0.0.0:8000)." };
        var config = new Option<string?>("--config") { Description = "An mcpServers JSON file (as Claude Desktop uses); each server is served at /servers/NAME/mcp." };
        var name = new Option<string>("--name") { Description = "The name of the server given after '--'.", DefaultValueFactory = _ => "default" };
        var inheritEnv = new Option<bool>("--inherit-env") { Description = "Pass the gateway's whole environment to the child (off: a minimal environment)." };
        var healthcheck = new Option<string?>("--healthcheck")
        {
            Description = "Probe a running gateway's /healthz (or the URL given) once and exit 0 if healthy: for container health checks.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var root = new RootCommand("McpBridge: serves a stdio MCP server over Streamable HTTP.\n" +
            "Usage: mcpbridge [options] -- COMMAND [ARGS...]. Other --Section:Key=value arguments set configuration.")
        {
            urls, config, name, inheritEnv, healthcheck,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(parse => parse.GetResult(healthcheck) is not null
            ? HealthProbe.RunAsync(parse.GetValue(healthcheck), parse.GetValue(urls) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))
            : run(new GatewaySettings(
            parse.GetValue(urls),
            parse.GetValue(config),
            parse.GetValue(name)!,
            command,
            parse.GetValue(inheritEnv),
            [.. parse.UnmatchedTokens])));
        return root;
    }
}
