using System.CommandLine;
using McpBridge;
using McpBridge.Gateway;
using McpBridge.Gateway.Auth;
using McpBridge.Gateway.CommandLine;
using McpBridge.Gateway.Edge;
using McpBridge.Gateway.Health;
using McpBridge.Gateway.Limits;
using McpBridge.Gateway.Reload;
using McpBridge.ServiceDefaults;
using McpBridge.Telemetry;

// Signals are the web host's to handle: it stops the sessions and children gracefully.
return await GatewayCommandLine.Parse(args, RunAsync).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

static async Task<int> RunAsync(GatewaySettings settings)
{
    var builder = WebApplication.CreateBuilder(settings.HostArgs);
    builder.Configuration.AddGatewayDefaults();
    builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
    builder.Configuration.AddMcpServersFile(settings.ConfigFile);
    builder.UseLoopbackUnlessConfigured();
    builder.UseInlineIoUnlessDisabled();
    builder.AddServiceDefaults("mcpbridge-gateway", BridgeDiagnostics.Name);

    builder.Services.AddMcpBridge(builder.Configuration);
    builder.Services.AddGatewayEdge(builder.Configuration);
    builder.Services.AddGatewayAuth(builder.Configuration);
    builder.Services.AddGatewayLimits(builder.Configuration);
    builder.Services.AddGatewayHealth();
    builder.Services.AddConfigurationReload();

    var app = builder.Build();
    try
    {
        // Every section's problems at once, before mapping the endpoints reads the servers' options.
        app.ValidateOptionsNow();
        app.UseGatewayEdge();
        app.MapServiceDefaults();
        app.MapGatewayHealth();
        app.MapGatewayStatus();
        app.MapMcpBridge();
        app.ReloadConfigurationOnSighup();
        app.Lifetime.ApplicationStarted.Register(() => GatewayBanner.Print(app));
        await app.RunAsync();
        return 0;
    }
    catch (Exception invalid) when (StartupValidation.Failures(invalid) is { Count: > 0 } failures)
    {
        // Start-up validation lists every configuration problem; say them plainly, without a stack trace.
        return StartupValidation.Report("McpBridge cannot start: the configuration has problems.", failures);
    }
}
