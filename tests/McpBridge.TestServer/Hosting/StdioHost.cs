using McpBridge.TestServer.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpBridge.TestServer.Hosting;

/// <summary>The default mode: one MCP session over stdin/stdout, logs on stderr.</summary>
internal static class StdioHost
{
    /// <summary>Serves until the client closes stdin or the process is stopped.</summary>
    public static async Task RunAsync(TestServerOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ApplicationName = typeof(StdioHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.LogToStandardError();

        // Stops the host (cancelling handlers still in flight) once the client closes stdin.
        using var inputEnded = new CancellationTokenSource();
        var stdin = new EndOfInputStream(Console.OpenStandardInput(), inputEnded.Cancel);
        var stdout = Console.OpenStandardOutput();
        if (options.Fault == FaultMode.GarbageStdout)
        {
            var garbage = new GarbageLineStream(stdout);
            await garbage.WriteGarbageLineAsync("Server started on stdio", cancellationToken);
            stdout = garbage;
        }

        builder.Services
            .AddMcpServer(TestServerInfo.Configure)
            .WithStreamServerTransport(stdin, stdout)
            .WithTestServerPrimitives(options);

        using var host = builder.Build();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, inputEnded.Token);
        await host.RunAsync(stopping.Token);
    }
}
