using Microsoft.Extensions.Options;

namespace McpBridge.Router.Configuration;

/// <summary>Checks the router's settings at start-up and reports every problem at once, each with its key and the fix.</summary>
internal sealed class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    private const string Section = RouterOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RouterOptions options)
    {
        var problems = new List<string>();
        var configured = options.Replicas.Count > 0;
        if (configured == options.Dns.IsEnabled)
        {
            problems.Add(configured
                ? $"{Section}:Replicas and {Section}:Dns:Name are both set: choose one way to find the replicas."
                : $"No replicas: set {Section}:Replicas:0=http://HOST:PORT (one key per replica) or {Section}:Dns:Name=NAME " +
                  "(a DNS name with one address per replica, such as a Kubernetes headless Service).");
        }

        for (var i = 0; i < options.Replicas.Count; i++)
        {
            if (ReplicaAddress.Parse(options.Replicas[i]) is null)
            {
                problems.Add($"{Section}:Replicas:{i} '{options.Replicas[i]}' is not a replica address: write it as http://HOST:PORT, without a path.");
            }
        }

        if (options.Dns.IsEnabled)
        {
            if (options.Dns.Port is < 1 or > 65535)
            {
                problems.Add($"{Section}:Dns:Port is {options.Dns.Port}: it must be a TCP port, 1 to 65535 (the gateway's is 8000).");
            }

            if (options.Dns.Scheme is not ("http" or "https"))
            {
                problems.Add($"{Section}:Dns:Scheme is '{options.Dns.Scheme}': it must be http or https.");
            }
        }

        RequirePositive(problems, "PollInterval", options.PollInterval);
        RequirePositive(problems, "PollTimeout", options.PollTimeout);
        RequirePositive(problems, "ActivityTimeout", options.ActivityTimeout);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void RequirePositive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{key} is {value}: it must be a positive time span such as 00:00:05.");
        }
    }
}
