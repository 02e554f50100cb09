using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpBridge.Tests.Infrastructure;

/// <summary>
/// Every <c>notifications/progress</c> of a client's session, collected by a handler of the whole session. A call's own
/// progress handler is not enough to show what the gateway delivered: the C# client hands each notification to it on a
/// task of its own and removes it when the call's answer arrives, so it may miss some that came before the answer.
/// </summary>
internal sealed class SessionProgress
{
    private readonly ConcurrentQueue<(string? Token, double Progress)> _updates = new();

    /// <summary>
    /// Pass to a call so that it asks for progress (the client gives it a token); its reports are read here instead.
    /// </summary>
    public static IProgress<ProgressNotificationValue> Requested { get; } = new Progress<ProgressNotificationValue>();

    /// <summary>The notifications so far: each one's progress token and progress.</summary>
    public IReadOnlyList<(string? Token, double Progress)> Updates => [.. _updates];

    /// <summary>Adds the session's progress handler to <paramref name="options"/>, beside any handler they have.</summary>
    public McpClientOptions AddTo(McpClientOptions options)
    {
        options.Handlers.NotificationHandlers = [.. options.Handlers.NotificationHandlers ?? [], new(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            if (notification.Params?["progress"] is JsonValue value && value.TryGetValue(out double progress))
            {
                _updates.Enqueue((notification.Params["progressToken"]?.ToString(), progress));
            }

            return ValueTask.CompletedTask;
        })];
        return options;
    }

    /// <summary>Whether <paramref name="condition"/> holds for the progress values within 10 s.</summary>
    public Task<bool> ArrivedAsync(Func<IReadOnlyList<double>, bool> condition) =>
        Eventually.WithinAsync(() => Task.FromResult(condition([.. _updates.Select(update => update.Progress)])), TimeSpan.FromSeconds(10));
}
