using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Edge;

/// <summary>Checks the edge settings at start-up.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        List<string> problems = [];
        if (options.MaxRequestBodyBytes < 1024)
        {
            problems.Add($"{EdgeOptions.SectionName}:MaxRequestBodyBytes is {options.MaxRequestBodyBytes}: set at least 1024 bytes (default 4194304).");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (origin != "*" && !Uri.TryCreate(origin, UriKind.Absolute, out _))
            {
                problems.Add($"{EdgeOptions.SectionName}:AllowedOrigins has '{origin}', which is not an origin: write it as scheme://host[:port].");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
