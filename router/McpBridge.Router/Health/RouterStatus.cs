namespace McpBridge.Router.Health;

/// <summary>The router's <c>GET /status</c>: every replica as the router sees it.</summary>
internal sealed record RouterStatus(string Discovery, IReadOnlyList<ReplicaView> Replicas);

/// <summary>One replica in <see cref="RouterStatus"/>.</summary>
internal sealed record ReplicaView(string Address, string? Name, bool Reachable, bool Ready, bool Draining, bool Retired, bool TakesNewWork, int Sessions);
