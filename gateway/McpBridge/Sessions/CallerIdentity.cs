using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace McpBridge.Sessions;

/// <summary>
/// Who sent a request, as far as sessions and paused calls are concerned: the authenticated user's id (an API key's
/// name, or a token's subject), or <see langword="null"/> for an anonymous request (authentication off).
/// </summary>
internal static class CallerIdentity
{
    /// <summary>
    /// The caller of <paramref name="context"/>. Reads the authentication feature rather than <see cref="HttpContext.User"/>,
    /// which would create an anonymous user when no authentication ran.
    /// </summary>
    public static string? Of(HttpContext context) => Of(context.Features.Get<IHttpAuthenticationFeature>()?.User);

    /// <summary>
    /// The caller's id: the same claims the MCP SDK binds its sessions to (name identifier, <c>sub</c>, UPN), so the
    /// bridge and the SDK agree on who owns a session. No allocation for an anonymous request.
    /// </summary>
    public static string? Of(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? (user.FindFirst(ClaimTypes.NameIdentifier) ?? user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.Upn))?.Value
            : null;

    /// <summary>Whether a request of <paramref name="caller"/> may use what <paramref name="owner"/> created.</summary>
    public static bool IsOwner(string? owner, string? caller) => string.Equals(owner, caller, StringComparison.Ordinal);
}
