using ModelContextProtocol.Protocol;

namespace TimeServer.Tools;

/// <summary>The annotations the python server gives both tools.</summary>
internal static class TimeToolAnnotations
{
    /// <summary>Read-only, not destructive, idempotent, closed world.</summary>
    public static ToolAnnotations Create() => new()
    {
        ReadOnlyHint = true,
        DestructiveHint = false,
        IdempotentHint = true,
        OpenWorldHint = false,
    };
}
