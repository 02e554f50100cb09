using McpBridge.Aggregation;
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
    // Keyed by the server's runtime, which a configuration reload replaces: a removed server's forwarder goes with it.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ServerRuntime, StatelessForwarder> _stateless = [];

    private StatelessForwarder StatelessFor(ServerRuntime server) => _stateless.GetValue(server, runtime => new StatelessForwarder(runtime, paused, registry));

    /// <summary>
    /// The endpoint a request is for, by the name its sessions are registered under: the route's server, the only one
    /// at <c>/mcp</c>, or with several servers the aggregated endpoint (<see cref="AggregateRouter.EndpointName"/>);
    /// <see langword="null"/> for a server that does not exist.
    /// </summary>
    public string? EndpointFor(HttpContext context) =>
        context.Request.RouteValues[ServerRouteValue] is string name
            ? catalog.Find(name)?.Name
            : catalog.Single?.Name ?? (catalog.Aggregate is null ? null : AggregateRouter.EndpointName);

    /// <summary>The SDK's <c>ConfigureSessionOptions</c>: starts the session's child and mirrors its identity.</summary>
    public async Task ConfigureSessionAsync(HttpContext context, McpServerOptions options, CancellationToken cancellationToken)
    {
        var endpoint = EndpointFor(context) ?? throw new InvalidOperationException("The MCP endpoint has no server; map it with MapMcpBridge.");
        var aggregate = endpoint == AggregateRouter.EndpointName ? catalog.Aggregate : null;
        var sessionId = context.Response.Headers[SessionIdHeader].ToString();
        if (sessionId.Length == 0 && aggregate is not null)
        {
            var stateless = catalog.Servers.Select(server => SessionMember.ForStatelessRequest(server, _logger)).ToArray();
            await Task.WhenAll(stateless.Select(member => member.StartAsync(null, cancellationToken)));
            if (stateless.Any(member => member.Identity is not null))
            {
                ChildIdentity.Apply(options, AggregateIdentity.Model(AggregateIdentity.Of(stateless)));
            }

            options.Filters.Message.IncomingFilters.Add(ForwardingFilters.ForAggregateStatelessRequest(
                aggregate, new AggregateScope(stateless, "(stateless)"), StatelessFor, registry, CallerIdentity.Of(context)));
            return;
        }

        if (sessionId.Length == 0)
        {
            var server = catalog.Find(endpoint)!;
            var forwarder = StatelessFor(server);
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

        await BindSessionAsync(context, endpoint, sessionId, options, cancellationToken);
    }

    /// <summary>
    /// Makes the session <paramref name="sessionId"/> of <paramref name="endpoint"/> (a server's name, or the aggregated
    /// endpoint's), owned by the caller of <paramref name="context"/>, with its children: for the SDK's sessions and for
    /// the gateway's legacy SSE streams, whose ids the gateway makes itself. <see cref="RunSessionAsync"/> then runs it.
    /// </summary>
    public async Task BindSessionAsync(HttpContext context, string endpoint, string sessionId, McpServerOptions options, CancellationToken cancellationToken)
    {
        var aggregate = endpoint == AggregateRouter.EndpointName ? catalog.Aggregate : null;
        IEnumerable<ServerRuntime> servers = aggregate is null ? [catalog.Find(endpoint)!] : catalog.Servers;
        var members = servers
            .Select(server => new SessionMember(server, Children.ChildEnvironment.FromHeaders(server.Options, context.Request.Headers), _logger))
            .ToArray();
        var session = new BridgeSession(sessionId, _replicaPrefix + sessionId, members, registry, _logger, aggregate)
        {
            Owner = CallerIdentity.Of(context),
            OpeningHeaders = aggregate is null ? null : Copy(context.Request.Headers),
        };
        registry.Add(session);
        context.Items[typeof(BridgeSession)] = session;
        await session.StartMembersAsync(cancellationToken);
        if (aggregate is not null)
        {
            var identity = AggregateIdentity.Of(members);
            if (session.StartError is null)
            {
                ChildIdentity.Apply(options, AggregateIdentity.Model(identity));
            }

            options.Filters.Message.IncomingFilters.Add(ForwardingFilters.ForSession(session));
            options.Filters.Message.OutgoingFilters.Add(ChildIdentity.Mirror(() => session.StartError is null ? identity : null));
            return;
        }

        var member = members[0];
        if (member.Identity is { } child)
        {
            ChildIdentity.Apply(options, child);
        }

        options.Filters.Message.IncomingFilters.Add(ForwardingFilters.ForSession(session));
        options.Filters.Message.OutgoingFilters.Add(ChildIdentity.Mirror(() => member.Identity?.InitializeResultJson));
    }

    private static HeaderDictionary Copy(IHeaderDictionary headers) =>
        new(headers.ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase));

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
