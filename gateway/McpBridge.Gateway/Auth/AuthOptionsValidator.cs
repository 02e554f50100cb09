using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace McpBridge.Gateway.Auth;

/// <summary>Checks the API keys at start-up, every problem at once, each naming the key (never its secret) and the fix.</summary>
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var (keys, readProblems) = ApiKeyEntry.ReadAll(options);
        List<string> problems = [.. readProblems];
        var names = new Dictionary<string, ApiKeyEntry>(StringComparer.OrdinalIgnoreCase);
        var secrets = new Dictionary<string, ApiKeyEntry>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!KeyName().IsMatch(key.Name))
            {
                problems.Add($"{key.Source}: the name '{key.Name}' must be 1-64 letters, digits, '.', '_' or '-' (it is logged and owns sessions).");
            }
            else if (!names.TryAdd(key.Name, key))
            {
                problems.Add($"{key.Source}: the name '{key.Name}' is also used by {names[key.Name].Source}; give each key its own name.");
            }

            if (key.Secret.Length == 0)
            {
                problems.Add($"{key.Source} has an empty secret: set one of at least {AuthOptions.MinimumSecretLength} characters " +
                    "(for example the output of 'openssl rand -hex 32') or remove the key.");
                continue;
            }

            if (key.Secret.Length < AuthOptions.MinimumSecretLength)
            {
                problems.Add($"{key.Source} has a secret of {key.Secret.Length} characters: use at least {AuthOptions.MinimumSecretLength} " +
                    "(for example the output of 'openssl rand -hex 32').");
            }
            else if (key.Secret.Length > AuthOptions.MaximumSecretLength)
            {
                problems.Add($"{key.Source} has a secret of {key.Secret.Length} characters: use at most {AuthOptions.MaximumSecretLength}.");
            }

            if (key.Secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '~'))
            {
                problems.Add($"{key.Source} has a secret with spaces, control or non-ASCII characters, which cannot be sent as 'Authorization: Bearer KEY': " +
                    "use letters, digits and punctuation only.");
            }

            if (!secrets.TryAdd(key.Secret, key))
            {
                problems.Add($"{key.Source} has the same secret as {secrets[key.Secret].Source}: give each key its own secret, or the two cannot be told apart.");
            }
        }

        if (options.ProtectStatus && keys.Count == 0 && string.IsNullOrEmpty(options.KeysFile))
        {
            problems.Add($"{AuthOptions.SectionName}:ProtectStatus is true, but no key is configured, so /status would stay open: " +
                $"add {AuthOptions.SectionName}:Keys:NAME or {AuthOptions.SectionName}:KeysFile, or remove ProtectStatus.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyName();
}
