using McpBridge.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace McpBridge.Tests.Unit;

/// <summary>
/// Ending a session aborts its open GET streams, but never a request that has already left the pipeline: Kestrel
/// disposes that context's features (aborting it then threw out of the session's end, seen under the SDK client's
/// DELETEs in the bench) and reuses the context for the connection's next request, which must not be aborted.
/// </summary>
public sealed class SessionStreamTests
{
    [Fact]
    public void Abort_WhileTheRequestRuns_AbortsIt()
    {
        var lifetime = new RecordingLifetime();
        var stream = new SessionStream(ContextWith(lifetime));

        stream.Abort();

        Assert.Equal(1, lifetime.Aborts);
    }

    [Fact]
    public void Abort_AfterTheRequestLeftThePipeline_LeavesItsDisposedContextAlone()
    {
        var context = ContextWith(new RecordingLifetime());
        var stream = new SessionStream(context);

        stream.Finish();
        context.Uninitialize();

        Assert.Throws<ObjectDisposedException>(context.Abort);
        stream.Abort();
    }

    [Fact]
    public void Abort_AfterTheContextServesTheNextRequest_DoesNotAbortThatRequest()
    {
        var context = ContextWith(new RecordingLifetime());
        var stream = new SessionStream(context);

        stream.Finish();
        context.Uninitialize();
        var next = new RecordingLifetime();
        context.Initialize(FeaturesWith(next));
        stream.Abort();

        Assert.Equal(0, next.Aborts);
    }

    private static DefaultHttpContext ContextWith(RecordingLifetime lifetime) => new(FeaturesWith(lifetime));

    private static FeatureCollection FeaturesWith(RecordingLifetime lifetime)
    {
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature());
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpRequestLifetimeFeature>(lifetime);
        return features;
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public int Aborts { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborts++;
    }
}
