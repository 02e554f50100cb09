using System.Diagnostics;
using McpBridge.Relay;

namespace McpBridge.Telemetry;

/// <summary>
/// The name of the bridge's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>:
/// listen to <c>McpBridge</c> to get its spans and metrics (docs/telemetry.md).
/// </summary>
public static class BridgeDiagnostics
{
    /// <summary>The activity source and meter name.</summary>
    public const string Name = "McpBridge";

    /// <summary>The bridge's spans. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while nothing listens.</summary>
    internal static readonly ActivitySource ActivitySource = new(Name, GatewayVersion.Value);

    /// <summary>
    /// Records which child serves the current bridge span (a request, or a child's start). Only the bridge's own spans
    /// are tagged, and only while something records them.
    /// </summary>
    internal static void TagChild(int pid)
    {
        if (Activity.Current is { IsAllDataRequested: true } current && ReferenceEquals(current.Source, ActivitySource))
        {
            current.SetTag(BridgeTags.ChildPid, pid);
        }
    }
}
