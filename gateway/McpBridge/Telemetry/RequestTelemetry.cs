using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpBridge.Sessions;
using ModelContextProtocol.Protocol;

namespace McpBridge.Telemetry;

/// <summary>
/// The span and the duration of one MCP request relayed to a child. <see cref="Start"/> returns
/// <see langword="null"/> (and allocates nothing) when neither the span nor the duration histogram is listened to.
/// </summary>
internal sealed class RequestTelemetry : IDisposable
{
    /// <summary>Methods recorded by name in metrics; any other (a client may send anything) is <c>_OTHER</c>.</summary>
    private static readonly FrozenSet<string> KnownMethods = FrozenSet.Create(StringComparer.Ordinal,
        RequestMethods.ToolsList, RequestMethods.ToolsCall, RequestMethods.PromptsList, RequestMethods.PromptsGet,
        RequestMethods.ResourcesList, RequestMethods.ResourcesRead, RequestMethods.ResourcesTemplatesList,
        RequestMethods.ResourcesSubscribe, RequestMethods.ResourcesUnsubscribe, RequestMethods.CompletionComplete,
        RequestMethods.LoggingSetLevel, RequestMethods.Ping, RequestMethods.Initialize);

    private readonly BridgeMetrics _metrics;
    private readonly string _method;
    private readonly ServerRuntime _server;
    private readonly long _started;
    private string _outcome = "cancelled";
    private string? _errorType;

    private RequestTelemetry(BridgeMetrics metrics, Activity? activity, string method, ServerRuntime server)
    {
        _metrics = metrics;
        Activity = activity;
        _method = method;
        _server = server;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The request's span, when recorded.</summary>
    public Activity? Activity { get; }

    /// <summary>The pid of the child that served the request, as tagged on the span.</summary>
    public int? ChildPid => Activity?.GetTagItem(BridgeTags.ChildPid) as int?;

    /// <summary>
    /// Starts the span of a request to <paramref name="server"/>, as a child of the current activity (the incoming
    /// HTTP request's, which carries the caller's <c>traceparent</c>). <paramref name="sessionId"/> is null for
    /// stateless requests.
    /// </summary>
    public static RequestTelemetry? Start(BridgeMetrics metrics, JsonRpcRequest request, ServerRuntime server, string? sessionId)
    {
        Activity? activity = null;
        if (BridgeDiagnostics.ActivitySource.HasListeners())
        {
            var target = Target(request);
            activity = BridgeDiagnostics.ActivitySource.StartActivity(
                target is null ? request.Method : $"{request.Method} {target}", ActivityKind.Server);
            if (activity is { IsAllDataRequested: true })
            {
                Describe(activity, request, server, sessionId, target);
            }
        }

        return activity is null && !metrics.RequestDuration.Enabled ? null : new RequestTelemetry(metrics, activity, request.Method, server);
    }

    /// <summary>Records the child's pid on the span (when the caller knows it without a lookup).</summary>
    public void SetChildPid(int? pid)
    {
        if (pid is { } known && Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(BridgeTags.ChildPid, known);
        }
    }

    /// <summary>Marks the request as the retry of a paused stateless call.</summary>
    public void SetResumed() => Activity?.SetTag(BridgeTags.Resumed, true);

    /// <summary>The answer sent to the client: a result, a JSON-RPC error, or a tool result with <c>isError</c>.</summary>
    public void Complete(JsonRpcMessage answer)
    {
        switch (answer)
        {
            case JsonRpcError { Error: var error }:
                _outcome = "error";
                _errorType = error.Code.ToString(CultureInfo.InvariantCulture);
                if (Activity is { IsAllDataRequested: true } activity)
                {
                    activity.SetTag(BridgeTags.JsonRpcErrorCode, error.Code);
                    activity.SetTag(BridgeTags.RpcResponseStatusCode, _errorType);
                    activity.SetTag(BridgeTags.ErrorType, _errorType);
                    activity.SetStatus(ActivityStatusCode.Error);
                }

                break;
            case JsonRpcResponse { Result: JsonObject result } when _method == RequestMethods.ToolsCall &&
                result["isError"] is JsonValue isError && isError.GetValueKind() == JsonValueKind.True:
                _outcome = "tool_error";
                _errorType = "tool_error";
                Activity?.SetTag(BridgeTags.ErrorType, _errorType);
                Activity?.SetStatus(ActivityStatusCode.Error);
                break;
            default:
                _outcome = "ok";
                break;
        }
    }

    /// <summary>The call paused on the child's question; the client got an input-required result.</summary>
    public void InputRequired() => _outcome = "input_required";

    /// <summary>Ends the span and records the duration; a request never completed was cancelled (the client left).</summary>
    public void Dispose()
    {
        if (Activity is { } activity)
        {
            activity.SetTag(BridgeTags.Outcome, _outcome);
            activity.Dispose();
        }

        if (_metrics.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { BridgeTags.McpMethod, KnownMethods.Contains(_method) ? _method : "_OTHER" },
                { BridgeTags.Server, _server.Name },
                { BridgeTags.Outcome, _outcome },
            };
            if (_errorType is not null)
            {
                tags.Add(BridgeTags.ErrorType, _errorType);
            }

            _metrics.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }

    private static void Describe(Activity activity, JsonRpcRequest request, ServerRuntime server, string? sessionId, string? target)
    {
        activity.SetTag(BridgeTags.McpMethod, request.Method);
        activity.SetTag(BridgeTags.JsonRpcRequestId, request.Id.ToString());
        activity.SetTag(BridgeTags.Server, server.Name);
        activity.SetTag(BridgeTags.Policy, server.PolicyName);
        if (sessionId is not null)
        {
            activity.SetTag(BridgeTags.McpSessionId, sessionId);
        }

        if (request.Context?.ProtocolVersion is { } version)
        {
            activity.SetTag(BridgeTags.McpProtocolVersion, version);
        }

        switch (request.Method)
        {
            case RequestMethods.ToolsCall when target is not null:
                activity.SetTag(BridgeTags.ToolName, target);
                activity.SetTag(BridgeTags.GenAiOperation, "execute_tool");
                break;
            case RequestMethods.PromptsGet when target is not null:
                activity.SetTag(BridgeTags.PromptName, target);
                break;
            case RequestMethods.ResourcesRead or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe:
                if (request.Params?["uri"] is JsonValue uri && uri.TryGetValue(out string? text))
                {
                    activity.SetTag(BridgeTags.McpResourceUri, text);
                }

                break;
        }
    }

    /// <summary>The tool or prompt name, which the conventions put in the span name (resource URIs are too many).</summary>
    private static string? Target(JsonRpcRequest request) =>
        request.Method is RequestMethods.ToolsCall or RequestMethods.PromptsGet &&
        request.Params?["name"] is JsonValue name && name.TryGetValue(out string? text)
            ? text
            : null;
}
