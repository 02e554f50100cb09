namespace McpBridge.Router.Replicas;

/// <summary>What a gateway's <c>GET /status</c> says about itself (its other fields are not needed here).</summary>
internal sealed record ReplicaStatus(string Replica, int Sessions, int MaxSessions, bool Draining);
