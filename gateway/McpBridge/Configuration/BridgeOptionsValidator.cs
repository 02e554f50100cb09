using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace McpBridge.Configuration;

/// <summary>Checks the whole configuration at start-up and reports every problem at once, each with its key and fix.</summary>
internal sealed partial class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        List<string> problems = [];

        if (options.Servers.Count == 0)
        {
            problems.Add("No MCP server is configured: pass a command after '--' (mcpbridge -- npx -y @modelcontextprotocol/server-everything), " +
                "use --config FILE with an mcpServers JSON, or set Servers__NAME__Command.");
        }

        foreach (var (serverName, server) in options.Servers)
        {
            var key = $"Servers:{serverName}";
            if (!ServerName().IsMatch(serverName))
            {
                problems.Add($"{key}: the name '{serverName}' cannot be a URL segment; use letters, digits, '-', '_' or '.'.");
            }

            if (string.IsNullOrWhiteSpace(server.Command))
            {
                problems.Add($"{key}:Command is empty: set it to the program that runs the stdio server (for example 'npx' or 'uvx').");
            }

            if (server.PoolSize is < 1 or > 256)
            {
                problems.Add($"{key}:PoolSize is {server.PoolSize}: set 1 to 256 children for the shared pool.");
            }

            if (server.WarmSpares is < 0 or > 256)
            {
                problems.Add($"{key}:WarmSpares is {server.WarmSpares}: set 0 to 256 spare children.");
            }

            if (server.Policy is ChildPolicy.Shared && server.WarmSpares > 0)
            {
                problems.Add($"{key}:WarmSpares applies to the Isolated policy only; a Shared pool is always warm. Remove it or use Policy Isolated.");
            }

            ValidateHeaderEnv(problems, key, server);
            ValidateTools(problems, key, server.Tools);
            RequirePositive(problems, $"{key}:StartupTimeout", server.StartupTimeout);
            RequirePositive(problems, $"{key}:RequestTimeout", server.RequestTimeout);
            RequirePositive(problems, $"{key}:ShutdownTimeout", server.ShutdownTimeout);

            if (server.Cwd is { Length: > 0 } cwd && !Directory.Exists(cwd))
            {
                problems.Add($"{key}:Cwd '{cwd}' does not exist: create it or point Cwd at an existing folder.");
            }
        }

        ValidatePrefixes(problems, options);
        RequirePositive(problems, $"{BridgeOptions.SectionName}:SessionIdleTimeout", options.SessionIdleTimeout);
        RequirePositive(problems, $"{BridgeOptions.SectionName}:DrainTimeout", options.DrainTimeout);
        if (!ReplicaId().IsMatch(options.ReplicaId))
        {
            problems.Add($"{BridgeOptions.SectionName}:ReplicaId '{options.ReplicaId}' must be 1-32 letters, digits or '-' (it prefixes session ids).");
        }
        if (options.MaxSessions < 1)
        {
            problems.Add($"{BridgeOptions.SectionName}:MaxSessions is {options.MaxSessions}: set it to 1 or more.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateHeaderEnv(List<string> problems, string key, ServerOptions server)
    {
        if (server.HeaderEnv.Count == 0)
        {
            return;
        }

        // Request headers reach a child only when it starts for a session: pool children and spares start before any request.
        if (server.Policy is ChildPolicy.Shared)
        {
            problems.Add($"{key}:HeaderEnv needs Policy Isolated: a Shared pool's children start before any request and serve every caller. " +
                "Use Policy Isolated or remove HeaderEnv.");
        }

        if (server.WarmSpares > 0)
        {
            problems.Add($"{key}:HeaderEnv cannot be used with WarmSpares: a spare starts before the request whose headers it would need. " +
                "Set WarmSpares to 0 or remove HeaderEnv.");
        }

        foreach (var (header, variable) in server.HeaderEnv)
        {
            if (!HeaderName().IsMatch(header))
            {
                problems.Add($"{key}:HeaderEnv has '{header}', which is not an HTTP header name: use letters, digits and '-'.");
            }

            if (!VariableName().IsMatch(variable ?? ""))
            {
                problems.Add($"{key}:HeaderEnv:{header} is '{variable}', which is not an environment variable name: use letters, digits and '_', not starting with a digit.");
            }
        }
    }

    private static void ValidateTools(List<string> problems, string key, ToolsOptions tools)
    {
        foreach (var (list, globs) in new[] { ("Allow", tools.Allow), ("Deny", tools.Deny) })
        {
            if (globs.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{key}:Tools:{list} has an empty entry: give a tool name or a glob such as 'read_*'.");
            }
        }

        if (tools.Prefix is { } prefix && !Prefix().IsMatch(prefix))
        {
            problems.Add($"{key}:Tools:Prefix '{prefix}' must be at most 32 letters, digits, '_' or '-' (tool names allow no other characters), or empty for none.");
        }
    }

    /// <summary>
    /// On the aggregated endpoint two servers' names must never meet: no prefix may be another's or begin it. Servers
    /// without a prefix are allowed; a name that still meets another is then left out of the lists, with a warning.
    /// </summary>
    private static void ValidatePrefixes(List<string> problems, BridgeOptions options)
    {
        if (options.Servers.Count < 2)
        {
            return;
        }

        var prefixes = options.Servers
            .Where(server => server.Value.Tools.Prefix is null || Prefix().IsMatch(server.Value.Tools.Prefix))
            .Select(server => (Name: server.Key, Prefix: Aggregation.NamePrefix.Of(server.Key, server.Value).Value))
            .Where(server => server.Prefix.Length > 0)
            .ToArray();
        for (var i = 0; i < prefixes.Length; i++)
        {
            for (var j = i + 1; j < prefixes.Length; j++)
            {
                var (first, second) = prefixes[i].Prefix.Length <= prefixes[j].Prefix.Length ? (prefixes[i], prefixes[j]) : (prefixes[j], prefixes[i]);
                if (second.Prefix.StartsWith(first.Prefix, StringComparison.Ordinal))
                {
                    problems.Add($"Servers:{first.Name} and Servers:{second.Name}: their tool name prefixes '{first.Prefix}' and '{second.Prefix}' " +
                        "would let names meet on the aggregated /mcp; set Servers:NAME:Tools:Prefix so that neither begins the other.");
                }
            }
        }
    }

    private static void RequirePositive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{key} is {value}: set a positive duration such as 00:00:30.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ServerName();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z0-9_-]{0,32}$")]
    private static partial Regex Prefix();

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex ReplicaId();
}
