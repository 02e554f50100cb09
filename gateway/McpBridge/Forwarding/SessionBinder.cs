using McpBridge.Configuration;
using McpBridge.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpBridge.Forwarding;

/// <summary>
/// Binds each SDK session (or, for 2026-07-28 clients, each request) to the bridge: which server it is for,
/// which child serves it, and the filters that relay its messages. Runs as the SDK's per-session hooks.
/// </summary>
internal sealed class SessionBinder(
    ServerCatalog catalog, SessionRegistry registry, PausedCalls paused, IOptions<BridgeOptions> options, ILoggerFactory loggerFactory)
{
    /// <summary>The route value that names the server in <c>/servers/{server}/mcp</c>.</summary>
    public const string ServerRouteValue = "server";

    private const string SessionIdHeader = "Mcp-Session-Id";

    private readonly ILogger _logger = loggerFactory.CreateLogger<BridgeSession>();
    private readonly string _replicaPrefix = options.Value.ReplicaId + ".";
    private readonly Dictionary<string, StatelessForwarder> _stateless = catalog.Servers.ToDictionary(
        server => server.Name, server => new StatelessForwarder(server, paused, registry), StringComparer.OrdinalIgnoreCase);

    /// <summary>The server a request is for: the route's, or the only one at <c>/mcp</c>.</summary>
    public ServerRuntime? ServerFor(HttpContext context) =>
        context.Request.RouteValues[ServerRouteValue] is string name ? catalog.Find(name) : catalog.Single;

    /// <summary>The SDK's <c>ConfigureSessionOptions</c>: starts the session's child and mirrors its identity.</summary>
    public async Task ConfigureSessionAsync(HttpContext context, McpServerOptions options, CancellationToken cancellationToken)
    {
        var server = ServerFor(context) ?? throw new InvalidOperationException("The MCP endpoint has no server; map it with MapMcpBridge.");
        var sessionId = context.Response.Headers[SessionIdHeader].ToString();
        if (sessionId.Length == 0)
        {
            var forwarder = _stateless[server.Name];
            try
            {
                ChildIdentity.Apply(options, await server.GetStatelessChildAsync(cancellationToken));
            }
            catch (Children.ChildStartException)
            {
                // Each request is answered with the start error by the forwarder.
            }

            options.Filters.Message.IncomingFilters.Add(ForwardingFilters.ForStatelessRequest(forwarder, CallerIdentity.Of(context)));
            return;
        }

        await BindSessionAsync(context, server, sessionId, options, cancellationToken);
    }

    /// <summary>
    /// Makes the session <paramref name="sessionId"/> of <paramref name="server"/>, owned by the caller of
    /// <paramref name="context"/>, with its child: for the SDK's sessions and for the gateway's legacy SSE streams, whose
    /// ids the gateway makes itself. <see cref="RunSessionAsync"/> then runs it.
    /// </summary>
    public async Task BindSessionAsync(
        HttpContext context, ServerRuntime server, string sessionId, McpServerOptions options, CancellationToken cancellationToken)
    {
        var session = new BridgeSession(sessionId, _replicaPrefix + sessionId, server, registry, _logger)
        {
            Owner = CallerIdentity.Of(context),
            ChildVariables = Children.ChildEnvironment.FromHeaders(server.Options, context.Request.Headers),
        };
        registry.Add(session);
        context.Items[typeof(BridgeSession)] = session;
        await session.StartChildAsync(cancellationToken);
        if (session.Identity is { } child)
        {
            ChildIdentity.Apply(options, child);
        }

        options.Filters.Message.IncomingFilters.Add(ForwardingFilters.ForSession(session));
        options.Filters.Message.OutgoingFilters.Add(ChildIdentity.Mirror(() => session.Identity));
    }

    /// <summary>The SDK's <c>RunSessionHandler</c>: runs the session until the client or the bridge ends it.</summary>
    public static async Task RunSessionAsync(HttpContext context, McpServer server, CancellationToken cancellationToken)
    {
        if (context.Items[typeof(BridgeSession)] is not BridgeSession session)
        {
            await server.RunAsync(cancellationToken);
            return;
        }

        session.Attach(server);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Ended);
        try
        {
            await server.RunAsync(run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Ended by DELETE, by the reaper, or because the child is gone.
        }
        finally
        {
            await session.EndAsync("the MCP session closed");
        }
    }
}
