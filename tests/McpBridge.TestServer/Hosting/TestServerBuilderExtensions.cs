using McpBridge.TestServer.Common;
using McpBridge.TestServer.Conformance;
using McpBridge.TestServer.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace McpBridge.TestServer.Hosting;

/// <summary>Registers what the server serves, the same over stdio and HTTP.</summary>
internal static class TestServerBuilderExtensions
{
    /// <summary>
    /// Adds the common tools, the whole conformance contract, the tool of the options' fault if it has one, and the
    /// paging of lists if the options ask for it.
    /// </summary>
    public static IMcpServerBuilder WithTestServerPrimitives(this IMcpServerBuilder builder, TestServerOptions options)
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
                .. FaultTools(options.Fault),
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
                if (options.PageSize is { } pageSize)
                {
                    ListPaging.Add(filters, pageSize);
                }
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
