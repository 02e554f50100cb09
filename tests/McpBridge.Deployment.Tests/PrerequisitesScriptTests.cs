using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>
/// tests/prerequisites.sh, which <c>make test</c> (and so CI) runs first: quiet when every tool is there, and for a user
/// who cannot install, a list of what is missing with the command that installs it, before any test runs.
/// </summary>
public sealed class PrerequisitesScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpbridge-prerequisites-").FullName;

    [Fact]
    public void With_every_tool_installed_it_is_quiet_and_succeeds()
    {
        // make test ran it before this test: everything it checks is there now.
        var result = Tool.Run("/bin/bash", [Repo.Path("tests", "prerequisites.sh")], clean: false);

        Assert.True(result.ExitCode == 0 && result.Stdout.Length == 0 && result.Stderr.Length == 0, result.Output);
    }

    [Fact]
    public void A_user_who_cannot_install_is_told_each_missing_tool_and_its_command_and_it_fails()
    {
        // An unprivileged user whose PATH has Node and npm but none of the tools: the script must not try apt-get.
        // Root (as in CI) becomes nobody for it; the temporary directory is created private, so it is opened up.
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        var path = Directory.CreateDirectory(Path.Combine(_dir, "path")).FullName;
        foreach (var program in new[] { "node", "npm", "id" })
        {
            File.CreateSymbolicLink(Path.Combine(path, program), Tool.Find(program)!);
        }

        var script = Path.Combine(_dir, "prerequisites.sh");
        File.Copy(Repo.Path("tests", "prerequisites.sh"), script);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);

        string[] unprivileged = Environment.UserName == "root"
            ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/bash", script]
            : ["/bin/bash", script];
        var result = Tool.Run(unprivileged[0], unprivileged[1..], workingDirectory: _dir,
            environment: new Dictionary<string, string> { ["PATH"] = path, ["HOME"] = _dir });

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("no test was run", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("shellcheck, for the start script's lint", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y shellcheck", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y docker-compose", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y gcc libc6-dev", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("installing", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_passes_shellcheck()
    {
        var result = Tool.Run(Tool.ShellCheck, [Repo.Path("tests", "prerequisites.sh")]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
