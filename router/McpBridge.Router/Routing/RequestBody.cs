using System.Buffers;

namespace McpBridge.Router.Routing;

/// <summary>A request body read whole, for the one request the router must look into (a 2026-07-28 POST).</summary>
internal static class RequestBody
{
    /// <summary>
    /// Reads the body into memory and puts it back as a seekable body, so that it is forwarded as it came and can be
    /// sent again to another replica. Kestrel's body size limit bounds it.
    /// </summary>
    public static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                var body = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                request.Body = new MemoryStream(body, writable: false);
                return body;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
