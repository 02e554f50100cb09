using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Auth;

/// <summary>
/// Registers API-key authentication of the MCP endpoints when keys are configured. Without keys nothing is
/// registered, and no request pays for it.
/// </summary>
internal static class GatewayAuthExtensions
{
    public static IServiceCollection AddGatewayAuth(this IServiceCollection services, IConfiguration configuration)
    {
        // Read once at start (see AddMcpBridge): a reload must not revalidate these in a running gateway.
        services.AddOptions<AuthOptions>().Configure(options => configuration.GetSection(AuthOptions.SectionName).Bind(options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        if (!AuthOptions.IsConfigured(configuration))
        {
            return services;
        }

        services.AddSingleton<ApiKeyRing>();
        services.AddAuthentication(ApiKeyDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.AuthenticationScheme, null);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((authorization, auth) =>
            // Resolved at the first request, after start-up validation.
            authorization.AddPolicy(ApiKeyDefaults.StatusPolicy, auth.Value.ProtectStatus
                ? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()
                : new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build()));
        return services;
    }

    /// <summary>Whether API keys are configured (the services of <see cref="AddGatewayAuth"/> are registered).</summary>
    public static bool IsGatewayAuthEnabled(this IServiceProvider services) =>
        services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(ApiKeyRing));

    /// <summary>Authenticates requests, then refuses those to endpoints that need a key and lack one (when keys are configured).</summary>
    public static IApplicationBuilder UseGatewayAuth(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.IsGatewayAuthEnabled())
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        return app;
    }

    /// <summary>Requires a key on <paramref name="endpoint"/> when keys are configured, by the default policy or the named one.</summary>
    public static TBuilder RequireGatewayAuth<TBuilder>(this TBuilder endpoint, IServiceProvider services, string? policy = null)
        where TBuilder : IEndpointConventionBuilder
    {
        if (services.IsGatewayAuthEnabled())
        {
            _ = policy is null ? endpoint.RequireAuthorization() : endpoint.RequireAuthorization(policy);
        }

        return endpoint;
    }
}
