using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using McpBridge.ServiceDefaults;

namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// The gateway as a real process on a free loopback port. Disposing it sends SIGTERM, waits for it to exit,
/// and fails if any child it started is still alive.
/// </summary>
internal sealed partial class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(IEnumerable<string> arguments, params string[] launcher)
    {
        var start = StartInfo(["--urls", "http://127.0.0.1:0", .. arguments], launcher);
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["GATEWAY_TEST_SECRET"] = "must-not-reach-children";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _ = _process.WaitForExitAsync().ContinueWith(_ => _listening.TrySetException(
            new InvalidOperationException($"The gateway exited with code {_process.ExitCode} before listening:\n{Output}")), TaskScheduler.Default);
    }

    /// <summary>The gateway's base address, such as http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The single-server endpoint.</summary>
    public Uri McpUrl => new(BaseAddress, "/mcp");

    public int Pid => _process.Id;

    /// <summary>Waits until the gateway has printed <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text) =>
        Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal), $"the gateway to print '{text}'");

    /// <summary>Everything the gateway printed, for assertion messages.</summary>
    public string Output => string.Join('\n', _output);

    public Uri ServerUrl(string name) => new(BaseAddress, $"/servers/{name}/mcp");

    /// <summary>Starts <c>mcpbridge [options] -- command...</c> and waits until it listens.</summary>
    public static Task<GatewayProcess> StartAsync(params string[] arguments) => StartAsync(new GatewayProcess(arguments));

    /// <summary>
    /// Starts the gateway as <see cref="StartAsync(string[])"/> does, with <c>SIGHUP</c> set by <c>env</c> to its default
    /// handling or to ignored (as <c>nohup</c> leaves it), whatever this test host inherited: a process passes an ignored
    /// signal on to the processes it starts.
    /// </summary>
    public static Task<GatewayProcess> StartWithSighupAsync(bool ignored, params string[] arguments) =>
        StartAsync(new GatewayProcess(arguments, "env", ignored ? "--ignore-signal=HUP" : "--default-signal=HUP"));

    private static async Task<GatewayProcess> StartAsync(GatewayProcess gateway)
    {
        try
        {
            gateway.BaseAddress = await gateway._listening.Task.WaitAsync(StartTimeout);

            // /readyz answers once every server's first child has started (or failed to): tests begin where a
            // load balancer would.
            using var http = new HttpClient { Timeout = StartTimeout };
            using var ready = await http.GetAsync(new Uri(gateway.BaseAddress, "/readyz"));
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves one stdio server (the command and its arguments) at <c>/mcp</c>.</summary>
    public static Task<GatewayProcess> ServeAsync(string[] options, params string[] command) =>
        StartAsync([.. options, "--", .. command]);

    /// <summary>Waits until <c>/readyz</c> says every server runs, then returns the children running then.</summary>
    public async Task<IReadOnlySet<int>> ReadyChildrenAsync()
    {
        using var http = new HttpClient();
        var ready = await http.GetAsync(new Uri(BaseAddress, "/readyz"), TestContext.Timeout);
        Assert.True(ready.IsSuccessStatusCode, $"/readyz answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
        return Children().ToHashSet();
    }

    /// <summary>The pids of the child processes running now.</summary>
    public IReadOnlyList<int> Children() => ProcessTree.Descendants(_process.Id);

    /// <summary>Runs the gateway with <paramref name="arguments"/> until it exits (start-up errors, <c>--healthcheck</c>).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments, []))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Timeout);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>
    /// <c>dotnet gateway.dll ARGUMENTS</c>, after <paramref name="launcher"/> (a program that execs the rest), in the
    /// environment a user would start it in. The in-process gateways of this test host (<see cref="InProcessGateway"/>)
    /// set the inline I/O variable in the host's own environment, which a process started from here would inherit: the
    /// gateway would then take it for the user's and pass it on to children.
    /// </summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string[] launcher)
    {
        var start = new ProcessStartInfo(launcher.FirstOrDefault() ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        if (launcher.Length > 0)
        {
            foreach (var argument in launcher.Skip(1).Append("dotnet"))
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.ArgumentList.Add(RepoPaths.GatewayDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove(InlineIo.SocketsVariable);
        return start;
    }

    /// <summary>
    /// Waits until server-everything's stateless child (or each of a pool's <paramref name="children"/>) has made its
    /// start-up <c>roots/list</c> request (350 ms after its handshake; refused, as no call runs). A 2026-07-28 call running
    /// at that moment would be taken for the question's cause, since a shared child's questions go to the only call
    /// running (README, "isolated or shared?").
    /// </summary>
    public Task EverythingSettledAsync(int children = 1) =>
        Eventually.TrueAsync(() => Regex.Count(Output, "Failed to request roots from client") >= children,
            $"server-everything's start-up roots/list to be refused by {children} child(ren)");

    /// <summary>Stops the gateway with SIGTERM and returns the children that were alive before and still are.</summary>
    public async Task<IReadOnlyList<int>> StopAsync()
    {
        if (_process.HasExited)
        {
            return [];
        }

        var children = Children();
        ProcessTree.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The gateway did not stop within 30 s of SIGTERM:\n{Output}");
        }

        return [.. children.Where(ProcessTree.IsAlive)];
    }

    public async ValueTask DisposeAsync()
    {
        var leftovers = await StopAsync();
        _process.Dispose();
        Assert.True(leftovers.Count == 0, $"Children left running after the gateway stopped: {string.Join(", ", leftovers)}\n{Output}");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (Endpoint().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["base"].Value));
        }
    }

    [GeneratedRegex(@"^McpBridge: MCP endpoint (?<base>http://[^/\s]+)/")]
    private static partial Regex Endpoint();
}
