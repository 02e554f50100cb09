using McpBridge.TestServer.Common;
using McpBridge.TestServer.Conformance;
using McpBridge.TestServer.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace McpBridge.TestServer.Hosting;

/// <summary>Registers what the server serves, the same over stdio and HTTP.</summary>
internal static class TestServerBuilderExtensions
{
    /// <summary>
    /// Adds the common tools, the whole conformance contract, and the tool of
    /// <paramref name="fault"/> if it has one.
    /// </summary>
    public static IMcpServerBuilder WithTestServerPrimitives(this IMcpServerBuilder builder, FaultMode fault)
    {
        builder.Services.AddSingleton<ResourceSubscriptions>();

        builder
            .WithTools(
            [
                typeof(CommonTools),
                typeof(ContentTools),
                typeof(NotificationTools),
                typeof(ListChangeTools),
                typeof(SamplingTools),
                typeof(ElicitationTools),
                typeof(InputRequiredTools),
                typeof(SubscriptionTools),
                typeof(HeaderTools),
                .. FaultTools(fault),
            ])
            .WithTools([JsonSchemaTool.Create()])
            .WithPrompts([typeof(ConformancePrompts), typeof(InputRequiredPrompts)])
            .WithResources([typeof(ConformanceResources)])
            .WithCompleteHandler(CompletionHandler.CompleteAsync)
            .WithSetLoggingLevelHandler(LoggingLevelHandler.SetLevelAsync)
            .WithSubscribeToResourcesHandler((context, cancellationToken) =>
                context.Services!.GetRequiredService<ResourceSubscriptions>().SubscribeAsync(context, cancellationToken))
            .WithUnsubscribeFromResourcesHandler((context, cancellationToken) =>
                context.Services!.GetRequiredService<ResourceSubscriptions>().UnsubscribeAsync(context, cancellationToken))
            .WithRequestFilters(filters =>
            {
                CachingHints.Add(filters);
                ResourceNotFound.Add(filters);
            });

        return builder;
    }

    private static Type[] FaultTools(FaultMode fault) => fault switch
    {
        FaultMode.CrashOnCall => [typeof(CrashTools)],
        FaultMode.Hang => [typeof(HangTools)],
        _ => [],
    };
}
