namespace McpBridge.Bench.Systems;

/// <summary>What a system is in the comparison: the product, a peer, or a baseline that brackets them.</summary>
internal enum SystemRole
{
    Baseline,
    McpBridge,
    Peer,
}

/// <summary>
/// One system under test. HTTP systems are started by <see cref="Command"/> with <see cref="Args"/> (the port filled
/// in) and loaded at <c>http://127.0.0.1:PORT/mcp</c>; direct stdio (<see cref="IsStdio"/>) has no process of its own:
/// every session starts its own server.
/// </summary>
internal sealed record SystemSpec(
    string Name,
    string Label,
    SystemRole Role,
    string Command,
    Func<int, IReadOnlyList<string>> Args,
    bool ChildPerSession)
{
    public bool IsStdio => Name == SystemCatalog.Stdio;

    /// <summary>The command line with <paramref name="port"/> filled in, as the docs show it.</summary>
    public string CommandLine(int port) => string.Join(' ', new[] { Command }.Concat(Args(port)).Select(Quote));

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,".Contains(c)) ? arg : $"'{arg}'";
}
