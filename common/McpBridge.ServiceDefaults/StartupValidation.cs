using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpBridge.ServiceDefaults;

/// <summary>
/// Start-up validation that reports every configuration problem at once, plainly: validated before the host starts
/// (which would log the failure with a stack trace), and the problems of every options section gathered.
/// </summary>
public static class StartupValidation
{
    /// <summary>Validates every options section registered with <c>ValidateOnStart</c>; throws with the problems.</summary>
    public static void ValidateOptionsNow(this WebApplication app) => app.Services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// The problems a failed validation reports: one section's <see cref="OptionsValidationException"/>, or several
    /// in an <see cref="AggregateException"/>. Empty for any other exception.
    /// </summary>
    public static IReadOnlyList<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all when all.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. all.InnerExceptions.SelectMany(inner => ((OptionsValidationException)inner).Failures)],
        _ => [],
    };

    /// <summary>Writes the problems to stderr under <paramref name="headline"/>, one a line, and returns exit code 2.</summary>
    public static int Report(string headline, IReadOnlyList<string> failures)
    {
        Console.Error.WriteLine(headline);
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        return 2;
    }
}
