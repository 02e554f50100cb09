using System.CommandLine;
using McpBridge;
using McpBridge.Gateway;
using McpBridge.Gateway.CommandLine;
using McpBridge.Gateway.Edge;
using McpBridge.Gateway.Health;
using McpBridge.ServiceDefaults;
using McpBridge.Telemetry;
using Microsoft.Extensions.Options;

// Signals are the web host's to handle: it stops the sessions and children gracefully.
return await GatewayCommandLine.Parse(args, RunAsync).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

static async Task<int> RunAsync(GatewaySettings settings)
{
    var builder = WebApplication.CreateBuilder(settings.HostArgs);
    builder.Configuration.AddGatewayDefaults();
    builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
    builder.UseLoopbackUnlessConfigured();
    builder.AddServiceDefaults("mcpbridge-gateway", BridgeDiagnostics.Name);

    builder.Services.AddMcpBridge(builder.Configuration);
    builder.Services.AddGatewayEdge(builder.Configuration);
    builder.Services.AddGatewayHealth();

    var app = builder.Build();
    try
    {
        app.UseGatewayEdge();
        app.MapServiceDefaults();
        app.MapGatewayHealth();
        app.MapGatewayStatus();
        app.MapMcpBridge();
        app.Lifetime.ApplicationStarted.Register(() => GatewayBanner.Print(app));
        await app.RunAsync();
        return 0;
    }
    catch (OptionsValidationException invalid)
    {
        // Start-up validation lists every configuration problem; say them plainly, without a stack trace.
        Console.Error.WriteLine("McpBridge cannot start: the configuration has problems.");
        foreach (var failure in invalid.Failures)
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        return 2;
    }
}
