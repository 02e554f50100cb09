using McpBridge.Router.Configuration;
using McpBridge.Router.Replicas;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace McpBridge.Router.Routing;

/// <summary>
/// YARP's configuration: the two MCP routes (the original <c>Host</c> kept, so that replicas check the name clients
/// used) to one cluster whose destinations are the replicas in the <see cref="ReplicaDirectory"/>, rebuilt when they change.
/// </summary>
internal sealed class ReplicaProxyConfigProvider : IProxyConfigProvider
{
    public const string ClusterId = "replicas";

    private static readonly IReadOnlyList<RouteConfig> Routes =
    [
        Route("mcp", "/mcp"),
        Route("servers", "/servers/{server}/mcp"),
    ];

    private readonly ReplicaDirectory _directory;
    private readonly RouterOptions _options;
    private readonly Lock _lock = new();
    private Snapshot _current;

    public ReplicaProxyConfigProvider(ReplicaDirectory directory, IOptions<RouterOptions> options)
    {
        _directory = directory;
        _options = options.Value;
        _current = Build();
        directory.Changed += Rebuild;
    }

    public IProxyConfig GetConfig() => _current;

    private void Rebuild()
    {
        Snapshot previous;
        lock (_lock)
        {
            previous = _current;
            _current = Build();
        }

        previous.Expire();
    }

    private Snapshot Build() => new(Routes,
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            LoadBalancingPolicy = LeastLoadedPolicy.PolicyName,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = _options.ActivityTimeout },
            Destinations = _directory.All.ToDictionary(
                replica => replica.Id,
                replica => new DestinationConfig { Address = replica.Address.AbsoluteUri },
                StringComparer.Ordinal),
        },
    ]);

    private static RouteConfig Route(string id, string path) =>
        new RouteConfig { RouteId = id, ClusterId = ClusterId, Match = new RouteMatch { Path = path } }
            .WithTransformUseOriginalHostHeader();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "YARP may still hold the change token of a configuration it replaced.")]
    private sealed class Snapshot : IProxyConfig
    {
        private readonly CancellationTokenSource _expired = new();

        public Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
        {
            Routes = routes;
            Clusters = clusters;
            ChangeToken = new CancellationChangeToken(_expired.Token);
        }

        public IReadOnlyList<RouteConfig> Routes { get; }

        public IReadOnlyList<ClusterConfig> Clusters { get; }

        public IChangeToken ChangeToken { get; }

        public void Expire() => _expired.Cancel();
    }
}
