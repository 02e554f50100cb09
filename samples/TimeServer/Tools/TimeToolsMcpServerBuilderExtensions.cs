using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Server;
using TimeServer.Clock;

namespace TimeServer.Tools;

/// <summary>Adds mcp-server-time's tools to an MCP server.</summary>
internal static class TimeToolsMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds <c>get_current_time</c> and <c>convert_time</c>, listed in that order, with the python
    /// server's answer to unknown tool names. Needs a <see cref="TimeServerOptions"/> service; uses
    /// the <see cref="TimeProvider"/> service, or the system clock when there is none.
    /// </summary>
    /// <remarks>
    /// The tools are <see cref="McpServerTool"/> subclasses rather than attributed methods: their
    /// schemas name the local zone at run time, and bad arguments must get the python server's
    /// messages, which the SDK's parameter binding does not produce.
    /// </remarks>
    public static IMcpServerBuilder WithTimeTools(this IMcpServerBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<WorldClock>();
        builder.Services.AddSingleton<McpServerTool, GetCurrentTimeTool>();
        builder.Services.AddSingleton<McpServerTool, ConvertTimeTool>();
        builder.Services.Configure<McpServerOptions>(options => options.Handlers.CallToolHandler ??= UnknownToolHandler.HandleAsync);
        return builder.WithRequestFilters(filters => filters.AddListToolsFilter(PythonToolOrder.Apply));
    }
}
