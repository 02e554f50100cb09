namespace McpBridge.Bench.Scenarios;

/// <summary>The two clients that load the systems (issue 15): the bench's own and the official TypeScript SDK's.</summary>
internal static class ClientKind
{
    /// <summary>The bench's own lean C# client (raw <c>HttpClient</c> POSTs, no GET stream).</summary>
    public const string Bench = "bench";

    /// <summary>The official TypeScript SDK client (<c>bench/sdk-client/load.mjs</c>: a GET stream per session, as SDK clients open).</summary>
    public const string Sdk = "sdk";

    public static string Label(string client) => client == Sdk ? "TypeScript SDK client" : "bench client";
}
