using System.Threading.RateLimiting;
using McpBridge.Chat.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace McpBridge.Chat.Api;

/// <summary>
/// What stands between the browser and the API: a body size limit, a per-client rate limit, no cross-origin
/// writes (and no CORS at all), a strict Content-Security-Policy, and the static UI.
/// </summary>
internal static class ChatEdgeExtensions
{
    public const string RatePolicy = "per-client";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddChatEdge(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ChatApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBytes);
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<ChatApiOptions>>((limiter, api) =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.AddPolicy(RatePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = api.Value.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
                limiter.OnRejected = (context, cancellationToken) =>
                {
                    context.HttpContext.Response.Headers.RetryAfter = "60";
                    return new ValueTask(TypedResults.Problem(
                        title: "Too many requests",
                        detail: $"This address may start {api.Value.RequestsPerMinute} chat turns or tool calls a minute. Try again in a minute.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext));
                };
            });
        services.AddRateLimiter(_ => { });
        return services;
    }

    public static WebApplication UseChatEdge(this WebApplication app)
    {
        app.UseStatusCodePages();
        app.Use(SecurityHeadersAsync);
        app.Use(SameOriginWritesAsync);
        app.UseRateLimiter();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    private static Task SecurityHeadersAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        return next(context);
    }

    /// <summary>A page of another origin must not drive the chat (or spend the key): writes from it get 403.</summary>
    private static Task SameOriginWritesAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }

        var origin = request.Headers.Origin.ToString();
        var crossSite = request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
        if (crossSite || (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(
                title: "Cross-origin request refused",
                detail: $"Only pages served by this chat service may use its API; this request came from '{origin}'.",
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }

        return next(context);
    }
}
