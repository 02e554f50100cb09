using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpBridge.TestServer.Conformance;

/// <summary>
/// SEP-2164: reading an unknown resource is an error naming the URI in <c>data.uri</c>, never
/// empty contents. The SDK picks the code by protocol version (-32002 for 2025-11-25 and
/// older, -32602 for 2026-07-28); this adds the URI.
/// </summary>
internal static class ResourceNotFound
{
    /// <summary>Adds the filter that puts the URI into the error's data.</summary>
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddReadResourceFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (McpProtocolException ex) when (ex.ErrorCode is McpErrorCode.ResourceNotFound or McpErrorCode.InvalidParams)
            {
                ex.Data["uri"] = request.Params?.Uri;
                throw;
            }
        });
    }
}
