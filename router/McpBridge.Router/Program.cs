using McpBridge.Router;
using McpBridge.Router.Configuration;
using McpBridge.Router.Health;
using McpBridge.Router.Replicas;
using McpBridge.Router.Routing;
using McpBridge.ServiceDefaults;

// The McpBridge router: MCP sessions spread over gateway replicas, each request sent to the replica that holds its session.
// Settings beside the program (appsettings.json), wherever it is started from; environment and --Key=value override them.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseLoopbackUnlessConfigured();
// YARP's forwarding never blocks a thread: its socket completions and the request pipeline run on the I/O threads.
builder.UseInlineIoUnlessDisabled($"{RouterOptions.SectionName}:InlineIo");

// With a tracer listening, each request is forwarded in the span of the router's own HTTP client call, with its traceparent.
builder.AddServiceDefaults("mcpbridge-router");

builder.Services.AddReplicaDiscovery(builder.Configuration);
builder.Services.AddConfigurationChangeNotice();
builder.Services.AddMcpRouting();
builder.Services.AddRouterHealth();

var app = builder.Build();
try
{
    // Every section's problems at once, before mapping the endpoints reads the options.
    app.ValidateOptionsNow();
    app.MapServiceDefaults();
    app.MapRouterHealth();
    app.MapMcpRouting();
    app.Lifetime.ApplicationStarted.Register(() => RouterBanner.Print(app));
    await app.RunAsync();
    return 0;
}
catch (Exception invalid) when (StartupValidation.Failures(invalid) is { Count: > 0 } failures)
{
    // Start-up validation lists every configuration problem; say them plainly, without a stack trace.
    return StartupValidation.Report("McpBridge router cannot start: the configuration has problems.", failures);
}
