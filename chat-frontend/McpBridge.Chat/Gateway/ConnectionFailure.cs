using System.Net;
using System.Net.Sockets;
using ModelContextProtocol.Client;

namespace McpBridge.Chat.Gateway;

/// <summary>Tells a lost connection from a protocol error, and whether a lost request can safely be sent again.</summary>
internal static class ConnectionFailure
{
    /// <summary>Whether <paramref name="exception"/> means the connection or session is gone (rather than a tool or protocol error).</summary>
    public static bool IsConnectionLoss(McpClient client, Exception exception) =>
        client.Completion.IsCompleted || Find<HttpRequestException>(exception) is not null ||
        Find<ClientTransportClosedException>(exception) is not null || Find<IOException>(exception) is not null;

    /// <summary>
    /// Whether the gateway certainly did not act on the request: it refused the connection, or answered 404 because our
    /// session had ended. Only then is a request (a tool call above all) sent again on a new session.
    /// </summary>
    public static bool WasNotProcessed(McpClient client, Exception exception)
    {
        if (Find<HttpRequestException>(exception) is { } http &&
            (http.StatusCode == HttpStatusCode.NotFound || http.HttpRequestError == HttpRequestError.ConnectionError ||
             Find<SocketException>(http) is { SocketErrorCode: SocketError.ConnectionRefused }))
        {
            return true;
        }

        return client.Completion is { IsCompletedSuccessfully: true } completion &&
            completion.Result is HttpClientCompletionDetails { HttpStatusCode: HttpStatusCode.NotFound };
    }

    /// <summary>A short reason for people: "connection refused", "session ended", ...</summary>
    public static string Describe(Exception exception) => exception switch
    {
        _ when Find<SocketException>(exception) is { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        _ when Find<HttpRequestException>(exception) is { StatusCode: HttpStatusCode.NotFound } => "the session ended",
        _ when Find<HttpRequestException>(exception) is { StatusCode: { } status } => $"HTTP {(int)status} {status}",
        _ when Find<TimeoutException>(exception) is not null => "no answer in time",
        OperationCanceledException => "no answer in time",
        _ => Find<HttpRequestException>(exception)?.Message ?? exception.Message,
    };

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }

            if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }
}
