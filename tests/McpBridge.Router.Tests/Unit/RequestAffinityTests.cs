using McpBridge.Router.Routing;
using Microsoft.AspNetCore.Http;

namespace McpBridge.Router.Tests.Unit;

/// <summary>How the router reads which replica a request must reach.</summary>
public sealed class RequestAffinityTests
{
    [Theory]
    [InlineData("replica-a.Xyz_123", "replica-a")]
    [InlineData("0a1b2c3d.abc.def", "0a1b2c3d")]
    [InlineData("no-dot", "")]
    [InlineData(".leading", "")]
    [InlineData("bad_char.x", "")]
    [InlineData("this-prefix-is-far-too-long-for-a-replica-id.x", "")]
    public void OwnerOf_ReadsTheReplicaPrefix(string id, string owner) => Assert.Equal(owner, RequestAffinity.OwnerOf(id).ToString());

    [Fact]
    public async Task SessionHeader_NamesItsReplica()
    {
        var affinity = await ReadAsync("POST", new() { ["Mcp-Session-Id"] = "replica-b.s1", ["MCP-Protocol-Version"] = "2025-11-25" }, "{}");

        Assert.Equal(new RequestAffinity(RequestKind.Session, "replica-b.s1"), affinity);
        Assert.Equal("replica-b", affinity.ReplicaName().ToString());
    }

    [Fact]
    public async Task NoSession_IsANewSession()
    {
        Assert.Equal(RequestKind.NewSession, (await ReadAsync("POST", [], """{"method":"initialize"}""")).Kind);
    }

    [Fact]
    public async Task StatelessRetry_NamesTheReplicaOfItsRequestState_AndLeavesTheBodyForForwarding()
    {
        const string Body = """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"x","arguments":{"requestState":"decoy.1"},"requestState":"replica-c.AbC-_1"}}""";
        var context = Context("POST", new() { ["MCP-Protocol-Version"] = "2026-07-28" }, Body);

        var affinity = await RequestAffinity.ReadAsync(context.Request, McpTransport.StreamableHttp, CancellationToken.None);

        Assert.Equal(new RequestAffinity(RequestKind.ResumeCall, "replica-c.AbC-_1"), affinity);
        Assert.Equal("replica-c", affinity.ReplicaName().ToString());
        Assert.True(context.Request.Body.CanSeek, "The body read for routing cannot be sent again to another replica.");
        Assert.Equal(Body, await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"x"}}""")]
    [InlineData("""{"params":{"requestState":42}}""")]
    [InlineData("""{"params":{"requestState":"no-prefix"}}""")]
    [InlineData("""{"params":"replica-a.x","requestState":"replica-a.x"}""")]
    [InlineData("""{"params":{"requestState":"replica-a.x""")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task StatelessRequest_WithoutAReplicaInItsState_GoesAnywhere(string body)
    {
        var affinity = await ReadAsync("POST", new() { ["MCP-Protocol-Version"] = "2026-07-28", ["Mcp-Session-Id"] = "replica-a.ignored" }, body);

        Assert.Equal(new RequestAffinity(RequestKind.Stateless), affinity);
    }

    [Fact]
    public async Task InitializeEraRequest_BodyIsNotRead()
    {
        var context = Context("POST", new() { ["MCP-Protocol-Version"] = "2025-11-25" }, """{"params":{"requestState":"replica-c.x"}}""");

        var affinity = await RequestAffinity.ReadAsync(context.Request, McpTransport.StreamableHttp, CancellationToken.None);

        Assert.Equal(RequestKind.NewSession, affinity.Kind);
        Assert.False(context.Request.Body.CanSeek, "The body was buffered for a request that needs no look inside.");
    }

    [Fact]
    public async Task SessionRequest_BodyIsNotRead()
    {
        var context = Context("POST", new() { ["Mcp-Session-Id"] = "replica-b.s1" }, """{"jsonrpc":"2.0","id":1,"method":"tools/call"}""");

        await RequestAffinity.ReadAsync(context.Request, McpTransport.StreamableHttp, CancellationToken.None);

        Assert.False(context.Request.Body.CanSeek, "The body of a session's request was buffered.");
        Assert.Equal(0, ((NonSeekableStream)context.Request.Body).Position);
    }

    [Fact]
    public async Task LegacyStream_IsANewSession_WhateverItCarries()
    {
        var context = Context("GET", new() { ["Mcp-Session-Id"] = "replica-a.x" }, "");
        context.Request.QueryString = new QueryString("?sessionId=replica-a.x");

        var affinity = await RequestAffinity.ReadAsync(context.Request, McpTransport.LegacyStream, CancellationToken.None);

        Assert.Equal(new RequestAffinity(RequestKind.NewStream), affinity);
    }

    [Theory]
    [InlineData("?sessionId=replica-b.Abc_-1", "replica-b.Abc_-1", "replica-b")]
    [InlineData("?x=1&sessionId=replica-b.s%2D1", "replica-b.s-1", "replica-b")]
    [InlineData("?sessionId=noprefix", "noprefix", "")]
    public async Task LegacyMessage_NamesTheReplicaOfItsSessionIdQuery_FromTheQueryAlone(string query, string key, string owner)
    {
        var context = Context("POST", new() { ["Mcp-Session-Id"] = "replica-z.ignored" }, """{"jsonrpc":"2.0","id":1,"method":"ping"}""");
        context.Request.QueryString = new QueryString(query);

        var affinity = await RequestAffinity.ReadAsync(context.Request, McpTransport.LegacyMessage, CancellationToken.None);

        Assert.Equal(new RequestAffinity(RequestKind.Session, key), affinity);
        Assert.Equal(owner, affinity.ReplicaName().ToString());
        Assert.False(context.Request.Body.CanSeek, "The body of a legacy message was buffered.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?sessionid=replica-b.x")]
    [InlineData("?sessionId=")]
    public async Task LegacyMessage_WithoutSessionId_GoesToAnyReplica_WhichAnswersItsOwnError(string query)
    {
        var context = Context("POST", [], "{}");
        context.Request.QueryString = new QueryString(query);

        var affinity = await RequestAffinity.ReadAsync(context.Request, McpTransport.LegacyMessage, CancellationToken.None);

        Assert.Equal(new RequestAffinity(RequestKind.Stateless), affinity);
    }

    private static async Task<RequestAffinity> ReadAsync(string method, Dictionary<string, string> headers, string body) =>
        await RequestAffinity.ReadAsync(Context(method, headers, body).Request, McpTransport.StreamableHttp, CancellationToken.None);

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
