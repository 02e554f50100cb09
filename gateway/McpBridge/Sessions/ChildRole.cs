namespace McpBridge.Sessions;

/// <summary>What a child is started for: it names the child's start span and its start count.</summary>
internal enum ChildRole
{
    /// <summary>A cold start for a new isolated session.</summary>
    Session,

    /// <summary>A warm spare, started ahead of the session that will take it.</summary>
    Spare,

    /// <summary>A child of a shared server's pool.</summary>
    Pool,

    /// <summary>The long-lived child that serves an isolated server's stateless requests.</summary>
    Stateless,
}
