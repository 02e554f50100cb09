using Microsoft.AspNetCore.Http;

namespace McpBridge.Sessions;

/// <summary>
/// A session's open GET stream, which ending the session aborts. Kestrel disposes a request's features once the
/// request has left the pipeline and reuses its <see cref="HttpContext"/> for the connection's next request, so the
/// stream touches its context only while the request is still running: <see cref="Abort"/> after
/// <see cref="Finish"/> does nothing, and <see cref="Finish"/> waits for an abort under way.
/// </summary>
internal sealed class SessionStream(HttpContext context)
{
    private readonly Lock _gate = new();
    private bool _finished;

    /// <summary>Aborts the stream's request, unless it has already finished.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                context.Abort();
            }
        }
    }

    /// <summary>Called as the request leaves the gateway's pipeline: from then on, the context is not the stream's.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _finished = true;
        }
    }
}
