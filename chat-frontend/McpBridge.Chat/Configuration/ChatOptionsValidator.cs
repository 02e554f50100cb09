using Microsoft.Extensions.Options;

namespace McpBridge.Chat.Configuration;

/// <summary>Checks every setting at start-up and reports all problems at once, each naming its key and the fix.</summary>
internal sealed class ChatOptionsValidator :
    IValidateOptions<GatewayOptions>, IValidateOptions<ClaudeOptions>, IValidateOptions<ChatApiOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (!IsHttpUrl(options.Url))
        {
            failures.Add($"{GatewayOptions.Section}:Url (or MCP_GATEWAY_URL) must be an absolute http or https URL, such as http://127.0.0.1:8000/mcp; it is '{options.Url}'.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{GatewayOptions.Section}:ConnectTimeout must be positive, such as 00:00:30.");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, ClaudeOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is not null && !IsHttpUrl(options.BaseUrl))
        {
            failures.Add($"{ClaudeOptions.Section}:BaseUrl (or ANTHROPIC_BASE_URL) must be an absolute http or https URL; it is '{options.BaseUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{ClaudeOptions.Section}:Model (or ANTHROPIC_MODEL) must name a Claude model, such as claude-sonnet-5-5.");
        }

        if (options.MaxTokens <= 0)
        {
            failures.Add($"{ClaudeOptions.Section}:MaxTokens must be a positive number of tokens; it is {options.MaxTokens}.");
        }

        if (options.MaxToolRounds <= 0)
        {
            failures.Add($"{ClaudeOptions.Section}:MaxToolRounds must be at least 1; it is {options.MaxToolRounds}.");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, ChatApiOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBytes <= 0)
        {
            failures.Add($"{ChatApiOptions.Section}:MaxRequestBytes must be a positive number of bytes; it is {options.MaxRequestBytes}.");
        }

        if (options.RequestsPerMinute <= 0)
        {
            failures.Add($"{ChatApiOptions.Section}:RequestsPerMinute must be at least 1; it is {options.RequestsPerMinute}.");
        }

        return Result(failures);
    }

    private static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
