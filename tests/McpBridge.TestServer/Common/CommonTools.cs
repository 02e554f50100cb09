using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Common;

/// <summary>Tools served in every mode, for the gateway's own tests.</summary>
[McpServerToolType]
internal static class CommonTools
{
    [McpServerTool(Name = "echo", ReadOnly = true, Idempotent = true), Description("Returns the given text unchanged.")]
    public static string Echo([Description("The text to return.")] string text) => text;

    [McpServerTool(Name = "whoami", ReadOnly = true, Idempotent = true), Description("Returns this server process's id, so tests can tell children apart.")]
    public static string WhoAmI() => Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    [McpServerTool(Name = "env", ReadOnly = true, Idempotent = true), Description("Returns the value of an environment variable of this process, or \"(unset)\".")]
    public static string Env([Description("The variable's name.")] string name) =>
        Environment.GetEnvironmentVariable(name) ?? "(unset)";
}
