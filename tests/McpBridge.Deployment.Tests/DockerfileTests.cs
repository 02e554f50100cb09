using System.Text.RegularExpressions;
using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>The Dockerfiles pass dockerfilelint, and the gateway's has the shape the containers rely on.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = Instructions(Repo.Read("gateway", "Dockerfile"));

    /// <summary>Every Dockerfile in the repository (the chat's too, once it exists).</summary>
    public static TheoryData<string> Dockerfiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repo.Root, "Dockerfile", SearchOption.AllDirectories)
                     .Where(path => !path.Contains("node_modules", StringComparison.Ordinal) && !path.Contains("/artifacts/", StringComparison.Ordinal))
                     .Order())
        {
            files.Add(Path.GetRelativePath(Repo.Root, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_passes_dockerfilelint(string dockerfile)
    {
        // A folder's own .dockerfilelintrc (gateway/docker for gateway/Dockerfile) says which rules are off and why.
        var folder = Path.GetDirectoryName(dockerfile)!;
        var config = File.Exists(Repo.Path(folder, "docker", ".dockerfilelintrc")) ? Path.Combine(folder, "docker") : folder;
        var result = Tool.Run(Repo.NpmBin("dockerfilelint"), ["-c", config, dockerfile]);

        Assert.True(result.ExitCode == 0, $"dockerfilelint {dockerfile}:\n{result.Output}");
    }

    [Fact]
    public void Final_stage_is_the_MCP_image_from_a_build_argument_defaulting_to_mcp_time()
    {
        var firstFrom = Array.FindIndex(Lines, line => line.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.Contains("ARG MCP_IMAGE=mcp/time", Lines[..firstFrom]);
        var froms = Lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(froms.Count >= 2, "The Dockerfile should be multi-stage: a publish stage, then the MCP image.");
        Assert.Equal("FROM ${MCP_IMAGE}", froms[^1]);
        Assert.Matches(@"^FROM --platform=\$BUILDPLATFORM \S+ AS publish$", froms[0]);
    }

    [Fact]
    public void Final_stage_runs_the_start_script_as_a_non_root_user_on_all_interfaces_port_8000()
    {
        var final = FinalStage();

        Assert.Contains("ENTRYPOINT [\"/opt/mcpbridge/start\"]", final);
        Assert.Contains("CMD []", final);
        Assert.Contains("USER ${APP_UID}", final);
        Assert.Contains("ARG APP_UID=10001", final);
        Assert.Contains("EXPOSE 8000", final);
        Assert.Contains(final, line => line.Contains("ASPNETCORE_URLS=http://0.0.0.0:8000", StringComparison.Ordinal));
        Assert.Contains(final, line => line.Contains("MCP_IMAGE=${MCP_IMAGE}", StringComparison.Ordinal));
        Assert.DoesNotContain(final, line => line.StartsWith("RUN ", StringComparison.Ordinal));
    }

    [Fact]
    public void Healthcheck_uses_the_image_own_probe_not_curl_or_wget()
    {
        var healthcheck = Assert.Single(FinalStage(), line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));

        Assert.EndsWith("CMD [\"/opt/mcpbridge/start\", \"--healthcheck\"]", healthcheck, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", healthcheck, StringComparison.Ordinal);
        Assert.DoesNotContain("wget", healthcheck, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_stage_uses_the_same_publish_script_as_the_tests()
    {
        Assert.Contains(Lines, line => line.StartsWith("RUN ", StringComparison.Ordinal) && line.Contains("sh gateway/docker/publish.sh /out/opt/mcpbridge", StringComparison.Ordinal));
        Assert.Contains("COPY gateway/docker/start.sh /out/opt/mcpbridge/start", Lines);
        Assert.Contains("COPY samples/catalog.tsv /out/opt/mcpbridge/catalog.tsv", Lines);
    }

    [Fact]
    public void Every_file_copied_from_the_build_context_exists_and_is_not_ignored()
    {
        var ignore = Repo.Read("gateway", "Dockerfile.dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal("*", ignore[0]);
        var included = ignore.Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToList();

        foreach (var copy in Lines.Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from=", StringComparison.Ordinal)))
        {
            var words = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in words[1..^1].Where(word => !word.StartsWith("--", StringComparison.Ordinal)))
            {
                var path = source.TrimEnd('/');
                Assert.True(File.Exists(Repo.Path(path)) || Directory.Exists(Repo.Path(path)), $"{copy}: {path} does not exist in the repository.");
                Assert.True(included.Any(pattern => path == pattern || path.StartsWith(pattern + "/", StringComparison.Ordinal) || pattern.StartsWith(path + "/", StringComparison.Ordinal)),
                    $"{copy}: {path} is excluded by gateway/Dockerfile.dockerignore.");
            }
        }
    }

    private static string[] FinalStage() =>
        Lines[Array.FindLastIndex(Lines, line => line.StartsWith("FROM ", StringComparison.Ordinal))..];

    /// <summary>The Dockerfile's instructions, one per entry: comments dropped, continuation lines joined.</summary>
    private static string[] Instructions(string dockerfile)
    {
        var joined = Continuation().Replace(dockerfile, " ");
        return [.. joined.Split('\n').Select(line => Spaces().Replace(line.Trim(), " ")).Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }

    [GeneratedRegex(@"\\\r?\n(\s*#[^\n]*\n)*")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
