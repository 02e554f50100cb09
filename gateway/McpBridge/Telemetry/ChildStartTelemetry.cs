using System.Diagnostics;
using McpBridge.Sessions;

namespace McpBridge.Telemetry;

/// <summary>The span of a child's start-up: spawn, then the MCP handshake (<c>initialize</c>).</summary>
internal static class ChildStartTelemetry
{
    /// <summary>The span's name; the server, policy, role and pid are its attributes.</summary>
    public const string SpanName = "mcpbridge.child.start";

    public static Activity? StartActivity(ServerRuntime server, ChildRole role)
    {
        var activity = BridgeDiagnostics.ActivitySource.StartActivity(SpanName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BridgeTags.Server, server.Name);
            activity.SetTag(BridgeTags.Policy, server.PolicyName);
            activity.SetTag(BridgeTags.ChildRole, BridgeMetrics.RoleName(role));
        }

        return activity;
    }

    /// <summary>The process runs; the handshake comes next.</summary>
    public static void Spawned(Activity? activity, int pid)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BridgeTags.ChildPid, pid);
            activity.AddEvent(new ActivityEvent("spawned"));
        }
    }

    /// <summary>The start failed; <paramref name="errorType"/> says at which step.</summary>
    public static void Failed(Activity? activity, string errorType, string message)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(BridgeTags.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, message);
        }
    }
}
