using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpBridge.Relay;

/// <summary>
/// A child's tool, prompt and resource lists, kept until the child says the list changed. Only lists whose
/// <c>listChanged</c> capability the child declared are kept: without it, nothing would tell the cache it is stale.
/// </summary>
internal sealed class ListCache(ServerCapabilities? capabilities)
{
    private readonly ConcurrentDictionary<(string Method, string? Cursor), JsonNode> _results = new();
    private int _generation;

    /// <summary>Changes with every invalidation: an answer sent for an older generation may be stale.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>A copy of the kept result of this list request, if there is one.</summary>
    public JsonNode? TryGet(JsonRpcRequest request) =>
        Key(request) is { } key && _results.TryGetValue(key, out var result) ? result.DeepClone() : null;

    /// <summary>Keeps a copy of a child's answer to a list request, unless a change was announced since it was asked.</summary>
    public void Add(JsonRpcRequest request, JsonRpcMessage answer, int askedAtGeneration)
    {
        if (answer is JsonRpcResponse { Result: JsonObject result } && askedAtGeneration == Generation && Key(request) is { } key)
        {
            _results[key] = result.DeepClone();
        }
    }

    /// <summary>Forgets the lists a <c>*/list_changed</c> notification is about.</summary>
    public void Invalidate(string notificationMethod)
    {
        var method = notificationMethod switch
        {
            NotificationMethods.ToolListChangedNotification => RequestMethods.ToolsList,
            NotificationMethods.PromptListChangedNotification => RequestMethods.PromptsList,
            NotificationMethods.ResourceListChangedNotification => RequestMethods.ResourcesList,
            _ => null,
        };
        if (method is null)
        {
            return;
        }

        Interlocked.Increment(ref _generation);
        foreach (var key in _results.Keys)
        {
            if (key.Method == method || (method == RequestMethods.ResourcesList && key.Method == RequestMethods.ResourcesTemplatesList))
            {
                _results.TryRemove(key, out _);
            }
        }
    }

    private (string, string?)? Key(JsonRpcRequest request)
    {
        var cacheable = request.Method switch
        {
            RequestMethods.ToolsList => capabilities?.Tools?.ListChanged == true,
            RequestMethods.PromptsList => capabilities?.Prompts?.ListChanged == true,
            RequestMethods.ResourcesList or RequestMethods.ResourcesTemplatesList => capabilities?.Resources?.ListChanged == true,
            _ => false,
        };
        if (!cacheable)
        {
            return null;
        }

        // Only plain list requests: a cursor at most, and no progress token that would expect notifications.
        string? cursor = null;
        if (request.Params is JsonObject parameters)
        {
            foreach (var (name, value) in parameters)
            {
                if (name == "cursor")
                {
                    cursor = value?.ToString();
                }
                else if (name != "_meta" || value?["progressToken"] is not null)
                {
                    return null;
                }
            }
        }

        return (request.Method, cursor);
    }
}
