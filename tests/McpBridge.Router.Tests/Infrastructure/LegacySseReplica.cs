using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpBridge.Router.Tests.Infrastructure;

/// <summary>
/// A stand-in for a gateway replica's legacy HTTP+SSE endpoints (issue 12 builds the real ones): Kestrel on loopback,
/// answering the router's polls as a gateway does (<c>/status</c> with its name, <c>/readyz</c>), <c>GET /sse</c> with a
/// stream whose first event is <c>endpoint</c> naming <c>/message?sessionId=NAME.ID</c>, and <c>POST /message</c> with 202
/// and a body that says which replica took which <c>sessionId</c>.
/// </summary>
internal sealed class LegacySseReplica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LegacySseReplica(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public static async Task<LegacySseReplica> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/status", () => Results.Json(new JsonObject { ["replica"] = name, ["sessions"] = 0, ["maxSessions"] = 100, ["draining"] = false }));
        app.MapGet("/readyz", () => Results.Text("ready"));
        foreach (var prefix in new[] { "", "/servers/{server}" })
        {
            app.MapGet($"{prefix}/sse", StreamAsync);
            app.MapPost($"{prefix}/message", (HttpContext context) =>
                Results.Text($"{name} took {context.Request.Query["sessionId"]}", statusCode: StatusCodes.Status202Accepted));
        }

        await app.StartAsync(TestContext.Timeout);
        return new LegacySseReplica(name, app);

        async Task StreamAsync(HttpContext context)
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($"event: endpoint\ndata: /message?sessionId={name}.S1\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // The stream stays open, as a session's does, until its client goes.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TestContext.Timeout);
        await _app.DisposeAsync();
    }
}
