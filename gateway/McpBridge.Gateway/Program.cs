using System.CommandLine;
using McpBridge;
using McpBridge.Gateway;
using McpBridge.Gateway.Auth;
using McpBridge.Gateway.CommandLine;
using McpBridge.Gateway.Edge;
using McpBridge.Gateway.Health;
using McpBridge.Gateway.Limits;
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
    builder.UseInlineIoUnlessDisabled();
    builder.AddServiceDefaults("mcpbridge-gateway", BridgeDiagnostics.Name);

    builder.Services.AddMcpBridge(builder.Configuration);
    builder.Services.AddGatewayEdge(builder.Configuration);
    builder.Services.AddGatewayAuth(builder.Configuration);
    builder.Services.AddGatewayLimits(builder.Configuration);
    builder.Services.AddGatewayHealth();

    var app = builder.Build();
    try
    {
        // Every section's problems at once, before mapping the endpoints reads the servers' options.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.UseGatewayEdge();
        app.MapServiceDefaults();
        app.MapGatewayHealth();
        app.MapGatewayStatus();
        app.MapMcpBridge();
        app.Lifetime.ApplicationStarted.Register(() => GatewayBanner.Print(app));
        await app.RunAsync();
        return 0;
    }
    catch (Exception invalid) when (ValidationFailures(invalid) is { Count: > 0 } failures)
    {
        // Start-up validation lists every configuration problem; say them plainly, without a stack trace.
        Console.Error.WriteLine("McpBridge cannot start: the configuration has problems.");
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        return 2;
    }
}

// One options section with problems throws its OptionsValidationException; several throw them in an AggregateException.
static List<string> ValidationFailures(Exception exception) => exception switch
{
    OptionsValidationException invalid => [.. invalid.Failures],
    AggregateException all when all.InnerExceptions.All(inner => inner is OptionsValidationException) =>
        [.. all.InnerExceptions.SelectMany(inner => ((OptionsValidationException)inner).Failures)],
    _ => [],
};
