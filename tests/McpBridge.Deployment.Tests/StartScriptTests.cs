using McpBridge.Deployment.Tests.Infrastructure;

namespace McpBridge.Deployment.Tests;

/// <summary>
/// The container's start script (gateway/docker/start.sh) in a fake /opt/mcpbridge whose "builds" are shell
/// scripts that print which one ran and with what, against fake root file systems of each C library.
/// </summary>
public sealed class StartScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpbridge-start-").FullName;
    private readonly string _opt;

    public StartScriptTests()
    {
        _opt = Path.Combine(_dir, "opt", "mcpbridge");
        foreach (var libc in new[] { "glibc", "musl" })
        {
            // Each fake build prints its libc, its arguments (one per line) and the Servers__ settings it was given.
            Executable(Path.Combine(_opt, libc, "McpBridge.Gateway"),
                $"#!/bin/sh\necho \"build={libc}\"\nfor a in \"$@\"; do echo \"arg=$a\"; done\nenv | grep '^Servers__' | sort\n");
            Executable(Path.Combine(_opt, libc, "probe", "McpBridge.HealthProbe"),
                $"#!/bin/sh\necho \"probe={libc}\"\nfor a in \"$@\"; do echo \"arg=$a\"; done\n");
        }

        File.Copy(Repo.Path("gateway", "docker", "start.sh"), Path.Combine(_opt, "start"));
        File.SetUnixFileMode(Path.Combine(_opt, "start"), (UnixFileMode)0b111_101_101);
        File.Copy(Repo.Path("samples", "catalog.tsv"), Path.Combine(_opt, "catalog.tsv"));
    }

    public static TheoryData<string, string[]> Layouts() => new()
    {
        { "musl", ["lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1"] },                 // Alpine x86-64
        { "musl", ["lib/ld-musl-aarch64.so.1"] },                                             // Alpine arm64
        { "glibc", ["lib/x86_64-linux-gnu/libc.so.6", "lib64/ld-linux-x86-64.so.2"] },       // Debian, Ubuntu
        { "glibc", ["usr/lib/aarch64-linux-gnu/libc.so.6"] },                                 // Debian arm64 (merged /usr)
        { "glibc", ["lib64/libc.so.6"] },                                                     // Fedora, RHEL
        { "glibc", ["lib/x86_64-linux-gnu/libc.so.6", "lib/ld-musl-x86_64.so.1"] },          // Debian with the musl package
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Picks_the_build_for_the_C_library_it_finds(string expected, string[] files)
    {
        var root = Root(files);

        var result = Start(new() { ["MCPBRIDGE_SYSROOT"] = root }, "--urls", "http://0.0.0.0:8000");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(["build=" + expected, "arg=--urls", "arg=http://0.0.0.0:8000"], Lines(result));
    }

    [Fact]
    public void Without_any_C_library_it_fails_and_says_how_to_choose()
    {
        var result = Start(new() { ["MCPBRIDGE_SYSROOT"] = Root([]) });

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("set MCPBRIDGE_LIBC=glibc or musl", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MCPBRIDGE_LIBC_overrides_the_guess_and_is_checked()
    {
        var musl = Root(["lib/ld-musl-x86_64.so.1"]);

        Assert.Equal("build=glibc", Lines(Start(new() { ["MCPBRIDGE_SYSROOT"] = musl, ["MCPBRIDGE_LIBC"] = "glibc" }))[0]);
        var wrong = Start(new() { ["MCPBRIDGE_SYSROOT"] = musl, ["MCPBRIDGE_LIBC"] = "uclibc" });
        Assert.Equal(64, wrong.ExitCode);
        Assert.Contains("must be glibc or musl", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_build_is_reported_not_executed()
    {
        Directory.Delete(Path.Combine(_opt, "musl"), recursive: true);

        var result = Start(new() { ["MCPBRIDGE_SYSROOT"] = Root(["lib/ld-musl-x86_64.so.1"]) });

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("no musl build of the gateway", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Healthcheck_runs_the_probe_of_the_same_C_library()
    {
        var result = Start(new() { ["MCPBRIDGE_SYSROOT"] = Root(["lib/ld-musl-x86_64.so.1"]) }, "--healthcheck", "http://127.0.0.1:8000/healthz");

        Assert.Equal(["probe=musl", "arg=http://127.0.0.1:8000/healthz"], Lines(result));
    }

    [Theory]
    [InlineData("mcp/time")]
    [InlineData("mcp/time:latest")]
    [InlineData("docker.io/mcp/time")]
    [InlineData("mcp/time@sha256:0123abcd")]
    public void The_catalog_supplies_the_command_of_the_image_it_was_built_on(string image)
    {
        var result = Start(Glibc(new() { ["MCP_IMAGE"] = image }));

        Assert.Equal(["build=glibc", "Servers__time__Args__0=--local-timezone", "Servers__time__Args__1=UTC", "Servers__time__Command=mcp-server-time"], Lines(result));
    }

    [Fact]
    public void A_setting_of_yours_wins_over_the_catalog_line()
    {
        var result = Start(Glibc(new() { ["MCP_IMAGE"] = "mcp/memory", ["Servers__memory__Env__MEMORY_FILE_PATH"] = "/elsewhere/graph.jsonl" }));

        Assert.Equal(["build=glibc", "Servers__memory__Args__0=/app/dist/index.js", "Servers__memory__Command=node",
            "Servers__memory__Env__MEMORY_FILE_PATH=/elsewhere/graph.jsonl"], Lines(result));
    }

    [Fact]
    public void A_server_of_another_name_replaces_the_catalog()
    {
        var result = Start(Glibc(new() { ["MCP_IMAGE"] = "mcp/time", ["Servers__clock__Command"] = "my-clock" }));

        Assert.Equal(["build=glibc", "Servers__clock__Command=my-clock"], Lines(result));
    }

    [Fact]
    public void MCP_COMMAND_becomes_the_child_command_line_under_the_image_name()
    {
        var result = Start(Glibc(new() { ["MCP_IMAGE"] = "mcp/fetch:1.0", ["MCP_COMMAND"] = "mcp-server-fetch  --ignore-robots-txt *" }), "--urls", "u");

        Assert.Equal(["build=glibc", "arg=--urls", "arg=u", "arg=--name", "arg=fetch", "arg=--", "arg=mcp-server-fetch", "arg=--ignore-robots-txt", "arg=*"], Lines(result));
    }

    [Fact]
    public void MCP_SERVER_NAME_names_the_MCP_COMMAND_server()
    {
        var result = Start(Glibc(new() { ["MCP_COMMAND"] = "x", ["MCP_SERVER_NAME"] = "tools" }));

        Assert.Equal(["build=glibc", "arg=--name", "arg=tools", "arg=--", "arg=x"], Lines(result));
    }

    [Theory]
    [InlineData("--", "my-server")]
    [InlineData("--config", "/etc/mcp.json")]
    [InlineData("--config=/etc/mcp.json")]
    public void A_command_line_server_wins_over_MCP_COMMAND_the_baked_file_and_the_catalog(params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_opt, "mcp.json"), "{}");

        var result = Start(Glibc(new() { ["MCP_IMAGE"] = "mcp/time", ["MCP_COMMAND"] = "ignored" }), arguments);

        Assert.Equal(["build=glibc", .. arguments.Select(a => "arg=" + a)], Lines(result));
    }

    [Fact]
    public void A_baked_mcpServers_file_is_served_with_config()
    {
        File.WriteAllText(Path.Combine(_opt, "mcp.json"), "{}");

        var result = Start(Glibc(new() { ["MCP_IMAGE"] = "node:22-alpine" }));

        Assert.Equal(["build=glibc", "arg=--config", "arg=" + Path.Combine(_opt, "mcp.json")], Lines(result));
    }

    [Fact]
    public void An_image_not_in_the_catalog_gets_no_server_and_the_gateway_says_so_itself()
    {
        var result = Start(Glibc(new() { ["MCP_IMAGE"] = "example/unknown" }));

        Assert.Equal(["build=glibc"], Lines(result));
        Assert.Contains("'example/unknown' is not in the catalog", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_script_passes_shellcheck()
    {
        var result = Tool.Run(Tool.ShellCheck, ["gateway/docker/start.sh", "gateway/docker/publish.sh"]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Glibc(Dictionary<string, string> environment)
    {
        environment["MCPBRIDGE_SYSROOT"] = Root(["lib/x86_64-linux-gnu/libc.so.6"]);
        return environment;
    }

    private string Root(string[] files)
    {
        var sysroot = Directory.CreateDirectory(Path.Combine(_dir, "root-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(sysroot, file))!);
            File.WriteAllText(Path.Combine(sysroot, file), "");
        }

        return sysroot;
    }

    private ToolResult Start(Dictionary<string, string> environment, params string[] arguments) =>
        Tool.Run(Path.Combine(_opt, "start"), arguments, environment: environment);

    private static string[] Lines(ToolResult result) =>
        result.ExitCode == 0 ? result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : throw new Xunit.Sdk.XunitException(result.Output);

    private static void Executable(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }
}
