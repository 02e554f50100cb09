using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Limits;

/// <summary>Checks the limits at start-up.</summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        List<string> problems = [];
        if (options.RequestsPerMinute < 0)
        {
            problems.Add($"{LimitsOptions.SectionName}:RequestsPerMinute is {options.RequestsPerMinute}: set 0 (no limit) or more.");
        }

        if (options.ConcurrentRequests < 0)
        {
            problems.Add($"{LimitsOptions.SectionName}:ConcurrentRequests is {options.ConcurrentRequests}: set 0 (no limit) or more.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
