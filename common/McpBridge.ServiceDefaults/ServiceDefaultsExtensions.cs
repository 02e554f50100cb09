using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace McpBridge.ServiceDefaults;

/// <summary>
/// The OpenTelemetry set-up every McpBridge service shares (gateway, chat, router): traces, metrics and logs with the
/// service's name and version, ASP.NET Core, HttpClient and runtime instrumentation, exported by OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and Prometheus at <c>/metrics</c> when <c>Telemetry:Prometheus</c> is on.
/// </summary>
/// <remarks>
/// With neither switched on no tracer or meter provider is built, so nothing listens: activity sources return
/// <see langword="null"/> and instruments are disabled, and the hot path pays nothing. A host (or a test) that adds
/// its own exporter with <c>services.AddOpenTelemetry().WithTracing(...)</c> gets the same sources and instrumentation.
/// </remarks>
public static class ServiceDefaultsExtensions
{
    /// <summary>The standard variable (or configuration key) that switches OTLP export on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Paths polled by orchestrators and scrapers, which would drown the traces of real requests.</summary>
    private static readonly PathString[] ProbePaths = ["/healthz", "/readyz", "/status", TelemetryOptions.PrometheusPath];

    /// <summary>
    /// Adds the shared telemetry. <paramref name="serviceName"/> is the default <c>service.name</c>
    /// (<c>OTEL_SERVICE_NAME</c> overrides it); each of <paramref name="sources"/> is listened to both as an
    /// <see cref="System.Diagnostics.ActivitySource"/> and as a <see cref="System.Diagnostics.Metrics.Meter"/>.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName, params string[] sources)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        // Read by hand: a value that is not a boolean is a start-up validation error naming the key, not a binder exception.
        var prometheusKey = $"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Prometheus)}";
        var prometheusValue = builder.Configuration[prometheusKey];
        var prometheusValid = bool.TryParse(prometheusValue ?? bool.FalseString, out var prometheus);
        var telemetry = new TelemetryOptions { Prometheus = prometheusValid && prometheus };
        builder.Services.AddOptions<TelemetryOptions>()
            .Configure(options => options.Prometheus = telemetry.Prometheus)
            .Validate(_ => prometheusValid, $"{prometheusKey} is '{prometheusValue}': set it to true or false.")
            .ValidateOnStart();

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => Describe(resource, builder.Configuration, serviceName));

        // What each provider observes, if one is built (by the exporters below, or by a host's own WithTracing/WithMetrics).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
            .AddHttpClientInstrumentation()
            .AddSource(sources));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(sources));
        builder.Services.Configure<OpenTelemetryLoggerOptions>(logging =>
        {
            // Scopes carry the session id and the request's trace; the formatted message is what people read.
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
        });

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            otel.WithTracing().WithMetrics().WithLogging().UseOtlpExporter();
        }

        if (telemetry.Prometheus)
        {
            otel.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus text format) when <c>Telemetry:Prometheus</c> is on; otherwise nothing.</summary>
    public static IEndpointRouteBuilder MapServiceDefaults(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            endpoints.MapPrometheusScrapingEndpoint(TelemetryOptions.PrometheusPath);
        }

        return endpoints;
    }

    private static void Describe(ResourceBuilder resource, IConfiguration configuration, string serviceName)
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(configuration[ServiceNameKey]))
        {
            resource.AddService(serviceName, serviceVersion: version);
        }
        else if (version is not null)
        {
            // OTEL_SERVICE_NAME names the service (the SDK reads it); the version is still this program's.
            resource.AddAttributes([new("service.version", version)]);
        }
    }

    private static bool IsProbe(PathString path) => Array.Exists(ProbePaths, probe => path.Equals(probe, StringComparison.OrdinalIgnoreCase));
}
