using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>The deployment docs and sample READMEs say plainly what was not built here and give the commands to run.</summary>
public sealed class DocsTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "docs/deploy-compose.md", "docs/deploy-defang.md", "docs/deploy-kubernetes.md" };
        foreach (var sample in Repo.SampleFolders)
        {
            pages.Add($"samples/{sample}/README.md");
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_says_images_were_not_built_here_and_gives_the_commands(string page)
    {
        var text = File.ReadAllText(Repo.Path(page));

        Assert.Contains("not built on the development machine", text, StringComparison.Ordinal);
        Assert.Contains("```sh", text, StringComparison.Ordinal);
        Assert.Matches(@"(docker compose|defang compose|docker build)", text);
    }

    [Fact]
    public void Architecture_diagrams_are_mermaid_and_cover_local_and_cloud()
    {
        var text = Repo.Read("docs", "architecture-diagrams.md");

        Assert.True(text.Split("```mermaid").Length - 1 >= 3, "Expected several Mermaid diagrams.");
        Assert.Contains("## Local processes", text, StringComparison.Ordinal);
        Assert.Contains("## Cloud", text, StringComparison.Ordinal);
        Assert.Equal(0, (text.Split("```").Length - 1) % 2);
    }
}
