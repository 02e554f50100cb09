namespace McpBridge.TestServer.Hosting;

/// <summary>
/// DNS-rebinding protection for the HTTP mode: a request whose <c>Host</c> or <c>Origin</c>
/// names anything but a loopback address is answered 403. The SDK does not check either.
/// </summary>
internal sealed class LoopbackOnlyMiddleware(RequestDelegate next)
{
    /// <summary>Lets loopback requests through and refuses the rest.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hostIsLoopback = IsLoopback($"http://{request.Host.Value}");
        var originIsLoopback = request.Headers.Origin.Count == 0 || request.Headers.Origin.All(IsLoopback);
        if (hostIsLoopback && originIsLoopback)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool IsLoopback(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
