using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// The gateway's own Program hosted in this process (in-memory HTTP), with in-memory OpenTelemetry exporters: what
/// a gateway process cannot hand to a test. Its children are real processes. Disposing it stops the host, which
/// stops every child.
/// </summary>
internal sealed class InProcessGateway : WebApplicationFactory<Program>
{
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly Lock _metricsGate = new();
    private readonly Dictionary<string, string?> _settings;

    /// <summary>Serves one stdio server, the given command line, as <c>default</c> (also at <c>/mcp</c>).</summary>
    public InProcessGateway(string[] command, Dictionary<string, string?>? settings = null)
    {
        _settings = new(settings ?? [])
        {
            ["Servers:default:Command"] = command[0],
        };
        for (var i = 1; i < command.Length; i++)
        {
            _settings[$"Servers:default:Args:{i - 1}"] = command[i];
        }
    }

    /// <summary>Every span of the bridge and of ASP.NET Core, as it ends.</summary>
    public SpanLog Spans { get; } = new();

    public Uri McpUrl => new(Server.BaseAddress, "/mcp");

    /// <summary>An HTTP client to the in-memory server.</summary>
    public HttpClient CreateHttp() => new(Server.CreateHandler()) { BaseAddress = Server.BaseAddress };

    /// <summary>The official MCP client over Streamable HTTP, through the in-memory server.</summary>
    public Task<McpClient> ConnectAsync(string revision = Revisions.Sessions) =>
        McpClient.CreateAsync(
            new HttpClientTransport(
                new HttpClientTransportOptions { Endpoint = McpUrl, TransportMode = HttpTransportMode.StreamableHttp },
                CreateHttp(),
                ownsHttpClient: true),
            new McpClientOptions { ProtocolVersion = revision },
            cancellationToken: TestContext.Timeout);

    /// <summary>Collects the metrics now (observable ones are read at this moment) and returns the latest of each.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metricsGate)
        {
            var latest = new Dictionary<string, MetricSnapshot>(StringComparer.Ordinal);
            foreach (var metric in _metrics)
            {
                latest[metric.Name] = metric;
            }

            _metrics.Clear();
            return latest;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(new LockedCollection(_metrics, _metricsGate))));
    }

    /// <summary>The exporter writes from the reader's thread; the test reads under the same lock.</summary>
    private sealed class LockedCollection(List<MetricSnapshot> items, Lock gate) : System.Collections.ObjectModel.Collection<MetricSnapshot>
    {
        protected override void InsertItem(int index, MetricSnapshot item)
        {
            lock (gate)
            {
                items.Add(item);
            }
        }
    }
}
