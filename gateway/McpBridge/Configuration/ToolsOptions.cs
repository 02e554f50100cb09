namespace McpBridge.Configuration;

/// <summary>
/// Which of a server's tools the gateway serves, and the prefix of its tool and prompt names on the aggregated
/// <c>/mcp</c> endpoint (configuration <c>Servers:NAME:Tools</c>).
/// </summary>
public sealed class ToolsOptions
{
    /// <summary>
    /// Tool names or globs (<c>*</c> any run of characters, <c>?</c> one) to serve; empty serves every tool. Applies on
    /// every endpoint, to <c>tools/list</c> and <c>tools/call</c>.
    /// </summary>
    public IList<string> Allow { get; set; } = [];

    /// <summary>Tool names or globs never to serve, even when <see cref="Allow"/> names them.</summary>
    public IList<string> Deny { get; set; } = [];

    /// <summary>
    /// What goes before this server's tool and prompt names on the aggregated endpoint. Unset: the server's name and
    /// <c>__</c> (<c>time__get_current_time</c>); empty: none. Letters, digits, <c>_</c> and <c>-</c>, at most 32.
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>The separator after a server's name in the default prefix.</summary>
    public const string DefaultSeparator = "__";
}
