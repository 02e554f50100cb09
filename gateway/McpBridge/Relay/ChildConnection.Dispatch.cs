using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

internal sealed partial class ChildConnection
{
    private const int LoggedLineLength = 200;

    /// <summary>Handles one stdout line of the child, in order: answers complete calls, the rest is routed.</summary>
    private async ValueTask OnLineAsync(ReadOnlySequence<byte> line)
    {
        if (JsonRpc.TryParse(line) is not { } message)
        {
            LogSkippedLine(_logger, _server, SessionId, Pid, Preview(line));
            return;
        }

        try
        {
            switch (message)
            {
                case JsonRpcResponse or JsonRpcError:
                    var id = ((JsonRpcMessageWithId)message).Id;
                    if (id.Id is long childId && _pending.TryGetValue(childId, out var call))
                    {
                        call.Complete(message);
                    }
                    else
                    {
                        LogUnknownAnswer(_logger, _server, SessionId, id);
                    }

                    break;
                case JsonRpcNotification notification:
                    await OnNotificationAsync(notification);
                    break;
                case JsonRpcRequest request:
                    _ = OnChildRequestAsync(request);
                    break;
            }
        }
        catch (Exception ex)
        {
            // A message that cannot be delivered must not stop the child's other traffic.
            LogDispatchFailed(_logger, _server, SessionId, ex);
        }
    }

    private async ValueTask OnNotificationAsync(JsonRpcNotification notification)
    {
        switch (notification.Method)
        {
            case NotificationMethods.ProgressNotification:
                if (notification.Params?["progressToken"] is JsonValue token && token.TryGetValue(out long callId) &&
                    _pending.TryGetValue(callId, out var call) && call.ProgressToken is { } clientToken)
                {
                    var parameters = notification.Params.DeepClone();
                    parameters["progressToken"] = clientToken.DeepClone();
                    await call.Owner.NotifyAsync(
                        new JsonRpcNotification { Method = notification.Method, Params = parameters }, call, CancellationToken.None);
                }

                return;
            case NotificationMethods.CancelledNotification:
                if (notification.Params?["requestId"] is JsonValue requestId &&
                    _childRequests.TryGetValue(ToRequestId(requestId), out var cancellation))
                {
                    await cancellation.CancelAsync();
                }

                return;
            default:
                _lists.Invalidate(notification.Method);
                var sole = SoleCall();
                await (sole?.Owner ?? DefaultDownstream).NotifyAsync(notification, sole, CancellationToken.None);
                return;
        }
    }

    private async Task OnChildRequestAsync(JsonRpcRequest request)
    {
        JsonRpcMessage answer;
        if (request.Method == RequestMethods.Ping)
        {
            answer = new JsonRpcResponse { Id = request.Id, Result = new JsonObject() };
        }
        else
        {
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
            _childRequests[request.Id] = cancellation;
            try
            {
                var sole = SoleCall();
                answer = await (sole?.Owner ?? DefaultDownstream).RequestAsync(request, sole, cancellation.Token);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogChildRequestFailed(_logger, _server, SessionId, request.Method, ex);
                answer = JsonRpc.Error(request.Id, BridgeErrorCodes.InternalError,
                    $"The gateway could not relay '{request.Method}' to the MCP client: {ex.Message}");
            }
            finally
            {
                _childRequests.TryRemove(request.Id, out _);
            }
        }

        JsonRpcMessage reply = answer switch
        {
            JsonRpcResponse response => new JsonRpcResponse { Id = request.Id, Result = response.Result },
            JsonRpcError error => new JsonRpcError { Id = request.Id, Error = error.Error },
            _ => JsonRpc.Error(request.Id, BridgeErrorCodes.InternalError, "The MCP client gave no answer."),
        };

        try
        {
            await _process.WriteLineAsync(JsonRpc.SerializeLine(reply), CancellationToken.None);
        }
        catch (IOException ex)
        {
            LogNotifyFailed(_logger, _server, SessionId, request.Method, ex.Message);
        }
    }

    /// <summary>
    /// The only call running (in flight and not paused on a question to its client), to which the child's unlinked
    /// messages then belong; otherwise <see langword="null"/>.
    /// </summary>
    private PendingCall? SoleCall()
    {
        PendingCall? sole = null;
        foreach (var call in _pending.Values)
        {
            if (call.Owner.IsAwaitingClient)
            {
                continue;
            }

            if (sole is not null)
            {
                return null;
            }

            sole = call;
        }

        return sole;
    }

    private void WatchExit() => _ = _process.Exited.ContinueWith(
        static (_, state) => ((ChildConnection)state!)._closed.Cancel(),
        this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static RequestId ToRequestId(JsonValue value) =>
        value.TryGetValue(out long number) ? new RequestId(number) : new RequestId(value.ToString());

    private static string Preview(ReadOnlySequence<byte> line)
    {
        var text = Encoding.UTF8.GetString(line.Length > LoggedLineLength ? line.Slice(0, LoggedLineLength) : line);
        return line.Length > LoggedLineLength ? text + "…" : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} (session {SessionId}, pid {ChildPid}) wrote a stdout line that is not JSON-RPC; skipped: {Line}")]
    private static partial void LogSkippedLine(ILogger logger, string server, string sessionId, int childPid, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP server {Server} (session {SessionId}) answered request {RequestId}, which is no longer pending")]
    private static partial void LogUnknownAnswer(ILogger logger, string server, string sessionId, RequestId requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of MCP server {Server} (session {SessionId}) could not be delivered")]
    private static partial void LogDispatchFailed(ILogger logger, string server, string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying {Method} from MCP server {Server} (session {SessionId}) to its client failed")]
    private static partial void LogChildRequestFailed(ILogger logger, string server, string sessionId, string method, Exception exception);
}
