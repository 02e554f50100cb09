using System.Diagnostics;
using System.Net;
using McpBridge.Router.Configuration;
using McpBridge.Router.Replicas;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace McpBridge.Router.Routing;

/// <summary>
/// Sends a request to one replica with YARP's forwarder, over one pool of HTTP/1.1 keep-alive connections per replica.
/// </summary>
/// <remarks>
/// HTTP/1.1 because a gateway's cleartext listener speaks nothing else (h2c needs prior knowledge, which Kestrel
/// accepts only on an HTTP/2-only endpoint); the pool grows to as many connections as there are requests in flight
/// and keeps them open, so a call normally costs no connect.
/// </remarks>
internal sealed class ReplicaForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _replicas;
    private readonly ForwarderRequestConfig _config;

    public ReplicaForwarder(IHttpForwarder forwarder, IOptions<RouterOptions> options)
    {
        _forwarder = forwarder;
        _config = new ForwarderRequestConfig
        {
            ActivityTimeout = options.Value.ActivityTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _replicas = new HttpMessageInvoker(new BodyWithHeadersHandler(new SocketsHttpHandler
        {
            // Straight to the replicas, never through an HTTP proxy of the environment; their answers as they are.
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
            // With a tracer listening, the request's trace goes on to the replica from the router's own span; without
            // one there is no span, and the client's traceparent is copied as any other header.
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        }), disposeHandler: true);
    }

    /// <summary>Forwards the request to <paramref name="replica"/> and its answer back; counts it in flight meanwhile.</summary>
    public async ValueTask<ForwarderError> ForwardAsync(HttpContext context, Replica replica, ForwardingAttempt attempt)
    {
        attempt.Replica = replica;
        replica.BeginRequest();
        try
        {
            return await _forwarder.SendAsync(context, replica.Id, _replicas, _config, attempt);
        }
        finally
        {
            replica.EndRequest();
        }
    }

    public void Dispose() => _replicas.Dispose();
}
