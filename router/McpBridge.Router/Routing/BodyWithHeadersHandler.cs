namespace McpBridge.Router.Routing;

/// <summary>
/// Sends a small request body in the same packet as the request's headers. YARP's request content flushes the headers
/// before it copies the body (so that a streaming call starts at once), which costs one more send here and one more
/// wake-up of the replica per call. A body of a known, small size (an MCP message) is read whole by the replica before
/// it does anything, so nothing is gained by the early headers.
/// </summary>
internal sealed class BodyWithHeadersHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>The largest body sent with its headers; larger or unsized bodies stream as YARP sends them.</summary>
    public const long MostBytes = 64 * 1024;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { Headers.ContentLength: > 0 and <= MostBytes } content)
        {
            request.Content = new BodyWithHeadersContent(content);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
