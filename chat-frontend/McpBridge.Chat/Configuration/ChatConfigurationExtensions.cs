using Microsoft.Extensions.Options;

namespace McpBridge.Chat.Configuration;

/// <summary>Binds the chat's settings, with the environment variable names that MCP and Anthropic tools already use.</summary>
internal static class ChatConfigurationExtensions
{
    /// <summary>Well-known environment variables and the settings they set.</summary>
    private static readonly (string Variable, string Key)[] Aliases =
    [
        ("MCP_GATEWAY_URL", $"{GatewayOptions.Section}:Url"),
        ("ANTHROPIC_API_KEY", $"{ClaudeOptions.Section}:ApiKey"),
        ("ANTHROPIC_BASE_URL", $"{ClaudeOptions.Section}:BaseUrl"),
        ("ANTHROPIC_MODEL", $"{ClaudeOptions.Section}:Model"),
    ];

    /// <summary>
    /// Adds the aliases above over appsettings and <c>Section__Key</c> variables; command-line arguments still win.
    /// </summary>
    public static WebApplicationBuilder AddChatEnvironmentAliases(this WebApplicationBuilder builder, string[] args)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Aliases)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Configuration.AddCommandLine(args);
        return builder;
    }

    /// <summary>Every problem with the chat's settings, each naming its key and the fix; empty when all is well.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var validator = new ChatOptionsValidator();
        var problems = new List<string>();
        problems.AddRange(Check<GatewayOptions>(configuration, GatewayOptions.Section, o => validator.Validate(null, o)));
        problems.AddRange(Check<ClaudeOptions>(configuration, ClaudeOptions.Section, o => validator.Validate(null, o)));
        problems.AddRange(Check<ChatApiOptions>(configuration, ChatApiOptions.Section, o => validator.Validate(null, o)));
        return problems;
    }

    public static IServiceCollection AddChatOptions(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.AddOptions<ClaudeOptions>().BindConfiguration(ClaudeOptions.Section).ValidateOnStart();
        services.AddOptions<ChatApiOptions>().BindConfiguration(ChatApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, ChatOptionsValidator>();
        services.AddSingleton<IValidateOptions<ClaudeOptions>, ChatOptionsValidator>();
        services.AddSingleton<IValidateOptions<ChatApiOptions>, ChatOptionsValidator>();
        return services;
    }

    private static IEnumerable<string> Check<TOptions>(IConfiguration configuration, string section, Func<TOptions, ValidateOptionsResult> validate)
        where TOptions : new()
    {
        var options = new TOptions();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            return [$"{section}: {ex.Message} {ex.InnerException?.Message}".TrimEnd()];
        }

        return validate(options).Failures ?? [];
    }
}
