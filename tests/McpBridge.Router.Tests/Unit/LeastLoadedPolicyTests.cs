using McpBridge.Router.Replicas;
using McpBridge.Router.Routing;

namespace McpBridge.Router.Tests.Unit;

/// <summary>New work goes to the replica with the fewest sessions and requests in flight; equal replicas take turns.</summary>
public sealed class LeastLoadedPolicyTests
{
    private readonly ReplicaDirectory _directory = new();
    private readonly LeastLoadedPolicy _policy = new();

    public LeastLoadedPolicyTests()
    {
        _directory.Sync([.. new[] { "http://10.0.0.1:8000/", "http://10.0.0.2:8000/", "http://10.0.0.3:8000/" }.Select(a => new Uri(a))]);
        foreach (var replica in _directory.All)
        {
            Report(replica.Id, sessions: 0);
        }
    }

    [Fact]
    public void EqualReplicas_TakeTurns()
    {
        var picks = Enumerable.Range(0, 6).Select(_ => Pick()).ToList();

        Assert.Equal(3, picks.Distinct().Count());
        Assert.Equal(picks.Take(3), picks.Skip(3));
    }

    [Fact]
    public void FewestSessions_Wins_CountingTheOnesPlacedSinceThePoll()
    {
        Report("http://10.0.0.1:8000/", sessions: 5);
        Report("http://10.0.0.2:8000/", sessions: 1);
        Report("http://10.0.0.3:8000/", sessions: 2);

        Assert.Equal("http://10.0.0.2:8000/", Pick());
        _directory.FindById("http://10.0.0.2:8000/")!.MarkSessionPlaced();
        _directory.FindById("http://10.0.0.2:8000/")!.MarkSessionPlaced();

        Assert.Equal("http://10.0.0.3:8000/", Pick());
    }

    [Fact]
    public void RequestsInFlight_CountAsLoad()
    {
        _directory.All[0].BeginRequest();
        _directory.All[0].BeginRequest();
        _directory.All[1].BeginRequest();

        Assert.Equal(_directory.All[2].Id, Pick());
        _directory.All[0].EndRequest();
        _directory.All[0].EndRequest();
        _directory.All[1].EndRequest();
        Assert.Equal(0, _directory.All.Sum(replica => replica.InFlight));
    }

    [Fact]
    public void ReplicasThatTakeNoNewWork_OrWereTried_AreSkipped_AndCounted()
    {
        _directory.All[0].MarkRefusing();
        var attempt = new ForwardingAttempt(new RequestAffinity(RequestKind.NewSession)) { Replica = _directory.All[1] };
        attempt.MoveOn();

        Assert.Equal(_directory.All[2].Id, _policy.Pick(_directory.All, attempt, out var candidates)!.Id);
        Assert.Equal(1, candidates);
        _directory.All[2].MarkUnreachable();
        Assert.Null(_policy.Pick(_directory.All, attempt, out candidates));
        Assert.Equal(0, candidates);
    }

    private string Pick() => _policy.Pick(_directory.All, attempt: null, out _)!.Id;

    private void Report(string id, int sessions) =>
        _directory.FindById(id)!.Report(new ReplicaStatus(id, sessions, 1000, Draining: false), ready: true);
}
