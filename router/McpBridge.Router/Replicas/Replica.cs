namespace McpBridge.Router.Replicas;

/// <summary>
/// One gateway replica as the router sees it: its address, the name it gives in <c>/status</c> (the prefix of its
/// session ids), whether it takes new work, and its load.
/// </summary>
internal sealed class Replica(Uri address)
{
    private volatile string? _name;
    private volatile bool _ready;
    private volatile bool _draining;
    private volatile bool _reachable = true;
    private volatile bool _refusing;
    private volatile bool _retired;
    private int _sessions;
    private int _placed;
    private int _inFlight;

    /// <summary>The base address, such as <c>http://10.0.0.7:8000/</c>; also the YARP destination id.</summary>
    public Uri Address { get; } = address;

    public string Id => Address.AbsoluteUri;

    /// <summary>The replica's <c>Bridge:ReplicaId</c>, once its <c>/status</c> has answered.</summary>
    public string? Name => _name;

    /// <summary>The sessions it reported at the last poll.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public bool IsReady => _ready;

    public bool IsDraining => _draining;

    public bool IsReachable => _reachable;

    /// <summary>Left discovery (DNS no longer lists it): it serves its own sessions until it stops answering.</summary>
    public bool IsRetired => _retired;

    /// <summary>
    /// Whether new sessions and stateless requests may go here: ready at the last poll, not draining, not retired, and
    /// neither unreachable nor refusing (503) since.
    /// </summary>
    public bool TakesNewWork => _ready && !_draining && !_retired && _reachable && !_refusing;

    /// <summary>Sessions reported plus the sessions this router has opened here since the report.</summary>
    public int KnownSessions => Sessions + Volatile.Read(ref _placed);

    /// <summary>The requests (streams included) this router is forwarding here now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>What new work weighs here: the known sessions plus the requests in flight.</summary>
    public int Load => KnownSessions + InFlight;

    /// <summary>Records a poll's answer: <c>/status</c> (null if it failed) and whether <c>/readyz</c> said ready.</summary>
    public void Report(ReplicaStatus? status, bool ready)
    {
        if (status is not null)
        {
            _name = status.Replica;
            Volatile.Write(ref _sessions, status.Sessions);
            Volatile.Write(ref _placed, 0);
            _draining = status.Draining;
        }

        _ready = ready && status is not null;
        _reachable = true;
        _refusing = false;
    }

    /// <summary>Neither <c>/readyz</c> nor <c>/status</c> answered, or a forwarded request could not connect.</summary>
    public void MarkUnreachable()
    {
        _reachable = false;
        _ready = false;
    }

    /// <summary>It answered a new session with 503 (draining or full): no new work until the next poll says otherwise.</summary>
    public void MarkRefusing() => _refusing = true;

    /// <summary>This router opened a session here.</summary>
    public void MarkSessionPlaced() => Interlocked.Increment(ref _placed);

    public void Retire(bool retired) => _retired = retired;

    /// <summary>A request is on its way here; <see cref="EndRequest"/> once its answer has been relayed.</summary>
    public void BeginRequest() => Interlocked.Increment(ref _inFlight);

    public void EndRequest() => Interlocked.Decrement(ref _inFlight);
}
