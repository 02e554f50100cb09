using McpBridge.Router.Routing;
using Microsoft.AspNetCore.Http;

namespace McpBridge.Router.Tests.Unit;

/// <summary>How the router reads which replica a request must reach.</summary>
public sealed class RequestAffinityTests
{
    [Theory]
    [InlineData("replica-a.Xyz_123", "replica-a")]
    [InlineData("0a1b2c3d.abc.def", "0a1b2c3d")]
    [InlineData("no-dot", null)]
    [InlineData(".leading", null)]
    [InlineData("bad_char.x", null)]
    [InlineData("this-prefix-is-far-too-long-for-a-replica-id.x", null)]
    public void OwnerOf_ReadsTheReplicaPrefix(string id, string? owner) => Assert.Equal(owner, RequestAffinity.OwnerOf(id));

    [Fact]
    public async Task SessionHeader_NamesItsReplica()
    {
        var affinity = await ReadAsync("POST", new() { ["Mcp-Session-Id"] = "replica-b.s1", ["MCP-Protocol-Version"] = "2025-11-25" }, "{}");

        Assert.Equal(new RequestAffinity(RequestKind.Session, "replica-b"), affinity);
    }

    [Fact]
    public async Task NoSession_IsANewSession()
    {
        Assert.Equal(RequestKind.NewSession, (await ReadAsync("POST", [], """{"method":"initialize"}""")).Kind);
    }

    [Fact]
    public async Task StatelessRetry_NamesTheReplicaOfItsRequestState_AndLeavesTheBodyForForwarding()
    {
        const string Body = """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"x","requestState":"replica-c.AbC-_1"}}""";
        var context = Context("POST", new() { ["MCP-Protocol-Version"] = "2026-07-28" }, Body);

        var affinity = await RequestAffinity.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal(new RequestAffinity(RequestKind.ResumeCall, "replica-c"), affinity);
        Assert.Equal(Body, await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"x"}}""")]
    [InlineData("""{"params":{"requestState":42}}""")]
    [InlineData("""{"params":{"requestState":"no-prefix"}}""")]
    [InlineData("not json")]
    [InlineData("[]")]
    public async Task StatelessRequest_WithoutAReplicaInItsState_GoesAnywhere(string body)
    {
        var affinity = await ReadAsync("POST", new() { ["MCP-Protocol-Version"] = "2026-07-28", ["Mcp-Session-Id"] = "replica-a.ignored" }, body);

        Assert.Equal(new RequestAffinity(RequestKind.Stateless), affinity);
    }

    [Fact]
    public async Task InitializeEraRequest_BodyIsNotRead()
    {
        var context = Context("POST", new() { ["MCP-Protocol-Version"] = "2025-11-25" }, """{"params":{"requestState":"replica-c.x"}}""");

        var affinity = await RequestAffinity.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal(RequestKind.NewSession, affinity.Kind);
        Assert.False(context.Request.Body.CanSeek, "The body was buffered for a request that needs no look inside.");
    }

    private static Task<RequestAffinity> ReadAsync(string method, Dictionary<string, string> headers, string body) =>
        RequestAffinity.ReadAsync(Context(method, headers, body).Request, CancellationToken.None);

    private static DefaultHttpContext Context(string method, Dictionary<string, string> headers, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Request.Body = new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(body));
        return context;
    }

    /// <summary>A request body as Kestrel gives it: read once, no seeking.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
