namespace McpBridge.ServiceDefaults;

/// <summary>
/// Telemetry switches (configuration section <c>Telemetry</c>). OTLP export needs none of them: it follows the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_*</c> variables).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The path of the Prometheus scrape endpoint, when <see cref="Prometheus"/> is on.</summary>
    public const string PrometheusPath = "/metrics";

    /// <summary>
    /// Serve the metrics in Prometheus text format at <c>/metrics</c> (<c>Telemetry:Prometheus=true</c>). Off by
    /// default: the endpoint is as open as the service's other plain HTTP endpoints.
    /// </summary>
    public bool Prometheus { get; set; }
}
