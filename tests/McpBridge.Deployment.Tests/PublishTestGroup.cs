namespace McpBridge.Deployment.Tests;

/// <summary>
/// The tests that publish the gateway: they build the same Release outputs, so they run one after another, never
/// side by side (which would also put two compilers on two cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishTestGroup
{
    public const string Name = "publish";
}
