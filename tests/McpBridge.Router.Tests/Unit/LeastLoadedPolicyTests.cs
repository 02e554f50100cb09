using McpBridge.Router.Replicas;
using McpBridge.Router.Routing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace McpBridge.Router.Tests.Unit;

/// <summary>New work goes to the replica with the fewest sessions and requests in flight; equal replicas take turns.</summary>
public sealed class LeastLoadedPolicyTests
{
    private readonly ReplicaDirectory _directory = new();
    private readonly DestinationState[] _destinations;

    public LeastLoadedPolicyTests()
    {
        var addresses = new[] { "http://10.0.0.1:8000/", "http://10.0.0.2:8000/", "http://10.0.0.3:8000/" }.Select(a => new Uri(a)).ToList();
        _directory.Sync(addresses);
        _destinations = [.. addresses.Select(address => new DestinationState(address.AbsoluteUri))];
    }

    [Fact]
    public void EqualReplicas_TakeTurns()
    {
        var policy = new LeastLoadedPolicy(_directory);

        var picks = Enumerable.Range(0, 6).Select(_ => Pick(policy)).ToList();

        Assert.Equal(3, picks.Distinct().Count());
        Assert.Equal(picks.Take(3), picks.Skip(3));
    }

    [Fact]
    public void FewestSessions_Wins_CountingTheOnesPlacedSinceThePoll()
    {
        Report("http://10.0.0.1:8000/", sessions: 5);
        Report("http://10.0.0.2:8000/", sessions: 1);
        Report("http://10.0.0.3:8000/", sessions: 2);
        var policy = new LeastLoadedPolicy(_directory);

        Assert.Equal("http://10.0.0.2:8000/", Pick(policy));
        _directory.FindById("http://10.0.0.2:8000/")!.MarkSessionPlaced();
        _directory.FindById("http://10.0.0.2:8000/")!.MarkSessionPlaced();

        Assert.Equal("http://10.0.0.3:8000/", Pick(policy));
    }

    [Fact]
    public void RequestsInFlight_CountAsLoad()
    {
        var policy = new LeastLoadedPolicy(_directory);
        _destinations[0].ConcurrentRequestCount = 2;
        _destinations[1].ConcurrentRequestCount = 1;

        Assert.Equal(_destinations[2].DestinationId, Pick(policy));
    }

    private string Pick(LeastLoadedPolicy policy) =>
        policy.PickDestination(new DefaultHttpContext(), null!, _destinations)!.DestinationId;

    private void Report(string id, int sessions) =>
        _directory.FindById(id)!.Report(new ReplicaStatus(id, sessions, 1000, Draining: false), ready: true);
}
