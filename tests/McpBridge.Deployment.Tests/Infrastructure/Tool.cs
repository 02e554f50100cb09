using System.Diagnostics;
using System.Text;

namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>What a finished command printed and returned.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => $"exit code {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs external tools (docker-compose, shellcheck, dockerfilelint, sh) to completion, with a time limit.</summary>
internal static class Tool
{
    /// <summary>The full path of a program on PATH, or a failure that says how to install it.</summary>
    public static string Require(string program, string install) =>
        Find(program) ?? throw new InvalidOperationException($"{program} is not installed: {install} (make test installs it).");

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string DockerCompose => Require("docker-compose", "apt-get install -y docker-compose");

    public static string ShellCheck => Require("shellcheck", "apt-get install -y shellcheck");

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/>. The environment is exactly
    /// <paramref name="environment"/> plus PATH and HOME when <paramref name="clean"/> is set, else the test's own plus it.
    /// </summary>
    public static ToolResult Run(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, bool clean = true, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (clean)
        {
            var keep = new[] { "PATH", "HOME", "DOTNET_ROOT", "NUGET_PACKAGES", "DOTNET_CLI_HOME" };
            foreach (var name in start.Environment.Keys.ToList())
            {
                if (!keep.Contains(name))
                {
                    start.Environment.Remove(name);
                }
            }
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(1);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {limit}:\n{stdout}\n{stderr}");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
