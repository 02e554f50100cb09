using System.Net;

namespace McpBridge.Router.Routing;

/// <summary>YARP's request content, with its first flush (the one that sends the headers alone) left out.</summary>
internal sealed class BodyWithHeadersContent : HttpContent
{
    private readonly HttpContent _yarp;

    public BodyWithHeadersContent(HttpContent yarp)
    {
        _yarp = yarp;
        foreach (var header in yarp.Headers.NonValidated)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _yarp.CopyToAsync(new FirstFlushSkipped(stream), context, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _yarp.Dispose();
        }

        base.Dispose(disposing);
    }
}
