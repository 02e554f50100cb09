namespace McpBridge.Bench.Client;

/// <summary>How one checked call ended.</summary>
internal enum CallStatus
{
    /// <summary>The reply carried this call's id and this call's unique token.</summary>
    Ok,

    /// <summary>A JSON-RPC error, an <c>isError</c> result, an HTTP error or a broken stream.</summary>
    Error,

    /// <summary>A reply that belongs to another call: another id, or another call's token.</summary>
    Mismatch,
}

/// <summary>The checked result of one call, with a short reason when it is not <see cref="CallStatus.Ok"/>.</summary>
internal readonly record struct CallOutcome(CallStatus Status, string? Detail = null)
{
    public static readonly CallOutcome Ok = new(CallStatus.Ok);

    public static CallOutcome Error(string detail) => new(CallStatus.Error, detail);

    public static CallOutcome Mismatch(string detail) => new(CallStatus.Mismatch, detail);
}
