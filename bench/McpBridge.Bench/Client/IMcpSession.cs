namespace McpBridge.Bench.Client;

/// <summary>One MCP client session as the load sees it: connect (initialize + initialized), echo calls, close.</summary>
internal interface IMcpSession : IAsyncDisposable
{
    /// <summary>Initializes the session; throws <see cref="McpBenchException"/> when the server does not answer as MCP.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Calls the <c>echo</c> tool with <paramref name="uid"/> and checks that the reply is this call's own.</summary>
    Task<CallOutcome> CallEchoAsync(string uid, CancellationToken cancellationToken);

    /// <summary>Ends the session (DELETE for HTTP, stdin closed for stdio); never throws.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
