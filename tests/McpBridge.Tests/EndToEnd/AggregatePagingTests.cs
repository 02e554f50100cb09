using McpBridge.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.EndToEnd;

/// <summary>
/// The aggregated <c>/mcp</c> over two test servers that page their lists (2 and 3 entries a page): the merged list
/// is complete through the gateway's own cursors, each page holds the next page of every server that has more, and a
/// cursor that is not the gateway's is refused.
/// </summary>
public sealed class AggregatePagingTests : IAsyncLifetime
{
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        var config = await McpServersFile.WriteAsync(
            ("two", ["dotnet", RepoPaths.TestServerDll, "--page-size", "2"]),
            ("three", ["dotnet", RepoPaths.TestServerDll, "--page-size", "3"]));
        _gateway = await GatewayProcess.StartAsync("--config", config);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [MemberData(nameof(Revisions.Both), MemberType = typeof(Revisions))]
    public async Task Tools_OfBothPagedServers_AreAllListed_PageByPage(string revision)
    {
        await using var aggregate = await Clients.ConnectAsync(_gateway.McpUrl, revision);
        await using var own = await Clients.ConnectAsync(_gateway.ServerUrl("two"), revision);

        var ownNames = (await own.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(tool => tool.Name).ToList();
        var pages = new List<ListToolsResult>();
        string? cursor = null;
        do
        {
            var page = await aggregate.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, TestContext.Timeout);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count <= ownNames.Count);
        var merged = pages.SelectMany(page => page.Tools).Select(tool => tool.Name).ToList();

        Assert.True(ownNames.Count > 3, $"the test server should have more tools than a page: {ownNames.Count}");
        Assert.Null(cursor);
        // Each page holds the next page of each server that has more: 2 + 3 entries, until a server has no more.
        Assert.Equal(5, pages[0].Tools.Count);
        Assert.Equal((ownNames.Count + 1) / 2, pages.Count);
        Assert.Equal(
            ownNames.Select(name => "two__" + name).Concat(ownNames.Select(name => "three__" + name)).Order(StringComparer.Ordinal),
            merged.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Resources_OfBothPagedServers_AreAllListed_ThroughTheSdksOwnPaging()
    {
        await using var aggregate = await Clients.ConnectAsync(_gateway.McpUrl);
        await using var own = await Clients.ConnectAsync(_gateway.ServerUrl("two"));

        var ownUris = (await own.ListResourcesAsync(cancellationToken: TestContext.Timeout)).Select(resource => resource.Uri).ToList();
        var first = await aggregate.ListResourcesAsync(new ListResourcesRequestParams(), TestContext.Timeout);
        var merged = (await aggregate.ListResourcesAsync(cancellationToken: TestContext.Timeout)).Select(resource => resource.Uri).ToList();

        Assert.True(ownUris.Count > 2, $"the test server should have more resources than a page: {ownUris.Count}");
        Assert.Equal(5, first.Resources.Count);
        Assert.NotNull(first.NextCursor);
        // URIs are not renamed: both servers list the same ones, and the merged list holds each of them twice.
        Assert.Equal(ownUris.Concat(ownUris).Order(StringComparer.Ordinal), merged.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("not a cursor")]
    public async Task ACursorThatIsNotTheGateways_IsRefusedAsInvalidParams(string cursor)
    {
        await using var aggregate = await Clients.ConnectAsync(_gateway.McpUrl);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() =>
            aggregate.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, TestContext.Timeout).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
        Assert.Contains("cursor", refused.Message, StringComparison.OrdinalIgnoreCase);
    }
}
