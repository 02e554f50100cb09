using System.CommandLine;

namespace McpBridge.Gateway.CommandLine;

/// <summary><c>mcpbridge [--urls URL] [--config FILE] [options] -- COMMAND [ARGS...]</c></summary>
internal static class GatewayCommandLine
{
    public static RootCommand Create(Func<GatewaySettings, Task<int>> run)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:8000; inside a container set http://0.0.0.0:8000)." };
        var config = new Option<string?>("--config") { Description = "An mcpServers JSON file (as Claude Desktop uses); each server is served at /servers/NAME/mcp." };
        var name = new Option<string>("--name") { Description = "The name of the server given after '--'.", DefaultValueFactory = _ => "default" };
        var inheritEnv = new Option<bool>("--inherit-env") { Description = "Pass the gateway's whole environment to the child (off: a minimal environment)." };
        var command = new Argument<string[]>("command")
        {
            Description = "The stdio MCP server to run, after '--': COMMAND [ARGS...].",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var root = new RootCommand("McpBridge: serves a stdio MCP server over Streamable HTTP. Other --Section:Key=value arguments set configuration.")
        {
            urls, config, name, inheritEnv, command,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(parse => run(new GatewaySettings(
            parse.GetValue(urls),
            parse.GetValue(config),
            parse.GetValue(name)!,
            parse.GetValue(command) ?? [],
            parse.GetValue(inheritEnv),
            [.. parse.UnmatchedTokens])));
        return root;
    }
}
