namespace McpBridge.Aggregation;

/// <summary>The servers one request of the aggregated endpoint may reach, and the session its log lines name.</summary>
internal sealed record AggregateScope(IReadOnlyList<IAggregateMember> Members, string SessionId);
