using Anthropic;
using Anthropic.Core;
using McpBridge.Chat.Configuration;
using McpBridge.Chat.Gateway;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace McpBridge.Chat.Conversation;

/// <summary>Registers the Claude loop: the Anthropic SDK as an <see cref="IChatClient"/> that invokes the gateway's tools.</summary>
internal static class ClaudeChatExtensions
{
    /// <summary>The activity source and meter of the Claude calls and tool calls (Microsoft.Extensions.AI's default name).</summary>
    public const string TelemetrySource = "Experimental.Microsoft.Extensions.AI";

    public static IServiceCollection AddClaudeChat(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<GatewayConnection>();
        services.AddSingleton<ChatTurn>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ClaudeOptions>>().Value;
            return new ClaudeChatClient(options.HasApiKey ? Create(options, provider) : null);
        });
        return services;
    }

    private static IChatClient Create(ClaudeOptions options, IServiceProvider provider)
    {
        var clientOptions = new ClientOptions { ApiKey = options.ApiKey };
        if (options.BaseUrl is { } baseUrl)
        {
            clientOptions.BaseUrl = baseUrl.ToString().TrimEnd('/');
        }

        var anthropic = new AnthropicClient(clientOptions);

        return anthropic.AsIChatClient(options.Model, options.MaxTokens)
            .AsBuilder()
            .UseFunctionInvocation(provider.GetRequiredService<ILoggerFactory>(), loop =>
            {
                loop.MaximumIterationsPerRequest = options.MaxToolRounds;
                loop.IncludeDetailedErrors = true;
            })
            // Inside the tool loop: a span per call to Claude, and the loop's spans per tool call. Messages and
            // tool arguments stay out of the spans (EnableSensitiveData is off).
            .UseOpenTelemetry(provider.GetRequiredService<ILoggerFactory>(), TelemetrySource)
            .Build(provider);
    }
}
