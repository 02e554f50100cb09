using System.Net;

namespace McpBridge.Router.Routing;

/// <summary>A replica's response content that YARP reads through a <see cref="ReplicaResponseStream"/>.</summary>
internal sealed class ReplicaResponseContent(HttpContent replica, ClientResponseBody client) : HttpContent
{
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new ReplicaResponseStream(await replica.ReadAsStreamAsync(cancellationToken), client);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => replica.CopyToAsync(stream, context);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            replica.Dispose();
        }

        base.Dispose(disposing);
    }
}
