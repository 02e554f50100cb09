using System.Text.Encodings.Web;
using McpBridge.Gateway.Edge;
using McpBridge.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Auth;

/// <summary>
/// Authenticates a request by the API key in <c>Authorization: Bearer KEY</c> or <c>X-API-Key: KEY</c>, and answers
/// a request without a good key with 401, <c>WWW-Authenticate: Bearer realm="McpBridge"</c> (plus
/// <c>error="invalid_token"</c> when a key was sent but matches none) and a JSON-RPC error body.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyRing keys, BridgeMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request.Headers) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The failure message is logged by ASP.NET Core: it must never hold what was presented.
        if (keys.Find(presented) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key matches no configured key."));
        }

        LogAuthenticated(Logger, key.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(key.User, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var wrongKey = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        LogRefused(Logger, Request.Method, Request.Path.Value ?? "", Context.Connection.RemoteIpAddress,
            wrongKey ? "a key that matches no configured key" : "no key");
        metrics.RequestRejected(RejectionReasons.Auth);
        Response.Headers.WWWAuthenticate = wrongKey
            ? $"Bearer realm=\"{ApiKeyDefaults.Realm}\", error=\"invalid_token\""
            : $"Bearer realm=\"{ApiKeyDefaults.Realm}\"";
        var message = wrongKey
            ? "Unauthorized: the API key is not valid. Send a key this gateway knows as 'Authorization: Bearer KEY'."
            : "Unauthorized: this gateway needs an API key. Send it as 'Authorization: Bearer KEY' (or 'X-API-Key: KEY').";
        if (Context.GetEndpoint()?.Metadata.GetMetadata<McpEndpointMetadata>() is not null)
        {
            await McpErrorResults.WriteAsync(Context, StatusCodes.Status401Unauthorized, -32600, message);
            return;
        }

        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: message).ExecuteAsync(Context);
    }

    /// <summary>The key a request presents: the bearer token of <c>Authorization</c>, else <c>X-API-Key</c>.</summary>
    private static string? PresentedKey(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        return headers[ApiKeyDefaults.ApiKeyHeader].ToString() is { Length: > 0 } apiKey ? apiKey.Trim() : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request authenticated with the API key {KeyName}")]
    private static partial void LogAuthenticated(ILogger logger, string keyName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} from {RemoteAddress} with 401: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, System.Net.IPAddress? remoteAddress, string reason);
}
