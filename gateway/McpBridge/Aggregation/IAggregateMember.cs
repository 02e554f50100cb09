using McpBridge.Sessions;
using ModelContextProtocol.Protocol;

namespace McpBridge.Aggregation;

/// <summary>One server as the aggregated endpoint reaches it: a session's member, or a server's stateless child.</summary>
internal interface IAggregateMember
{
    ServerRuntime Server { get; }

    /// <summary>How the server's tool and prompt names appear on the aggregated endpoint.</summary>
    NamePrefix Prefix => Server.Prefix;

    /// <summary>Whether the server can serve requests now.</summary>
    bool IsRunning { get; }

    /// <summary>Why the server could not start; <see langword="null"/> when it did.</summary>
    string? StartError { get; }

    /// <summary>What the server's child declared; only read while <see cref="IsRunning"/>.</summary>
    ServerCapabilities Capabilities { get; }

    /// <summary>Forwards a request (already under the server's own names) and returns the answer, errors included.</summary>
    Task<JsonRpcMessage> ForwardAsync(JsonRpcRequest request, CancellationToken cancellationToken);
}
