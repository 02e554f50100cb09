using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using McpBridge.Relay;
using McpBridge.Sessions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpBridge.Aggregation;

/// <summary>
/// Serves every configured server as one MCP server at <c>/mcp</c>: lists merge the servers' lists (tool and prompt
/// names prefixed per server, resource URIs as they are), and each other request goes to the server that owns its tool,
/// prompt or URI, under that server's own name for it. Answers and errors pass through unchanged.
/// </summary>
internal sealed partial class AggregateRouter(ILogger logger)
{
    /// <summary>The name the aggregated endpoint's sessions are registered under; no server can be named so.</summary>
    public const string EndpointName = "*";

    private readonly ConcurrentDictionary<string, (ServerRuntime Server, string Name)> _tools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ServerRuntime Server, string Name)> _prompts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServerRuntime> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServerRuntime, string[]> _templates = new();

    /// <summary>Answers a request of the aggregated endpoint, from the servers in <paramref name="session"/> (its id is the client's).</summary>
    public async Task<JsonRpcMessage> ForwardAsync(JsonRpcRequest request, AggregateScope session, CancellationToken cancellationToken)
    {
        switch (request.Method)
        {
            case RequestMethods.ToolsList:
                return await ListAsync(request, session, "tools", _tools, cancellationToken);
            case RequestMethods.PromptsList:
                return await ListAsync(request, session, "prompts", _prompts, cancellationToken);
            case RequestMethods.ResourcesList:
                return await ListAsync(request, session, "resources", null, cancellationToken);
            case RequestMethods.ResourcesTemplatesList:
                return await ListAsync(request, session, "resourceTemplates", null, cancellationToken);
            case RequestMethods.ToolsCall:
                return await ByNameAsync(request, session, request.Params as JsonObject, _tools, "tool", cancellationToken);
            case RequestMethods.PromptsGet:
                return await ByNameAsync(request, session, request.Params as JsonObject, _prompts, "prompt", cancellationToken);
            case RequestMethods.CompletionComplete when request.Params is JsonObject { } completion && completion["ref"] is JsonObject reference:
                return reference["type"]?.ToString() == "ref/prompt"
                    ? await ByNameAsync(request, session, reference, _prompts, "prompt", cancellationToken)
                    : await ByUriAsync(request, session, reference["uri"]?.ToString(), cancellationToken);
            case RequestMethods.ResourcesRead or RequestMethods.ResourcesSubscribe or RequestMethods.ResourcesUnsubscribe:
                return await ByUriAsync(request, session, request.Params?["uri"]?.ToString(), cancellationToken);
            case RequestMethods.LoggingSetLevel:
                return await EveryServerAsync(request, session, member => member.Capabilities.Logging is not null, cancellationToken);
            case RequestMethods.Ping:
                return new JsonRpcResponse { Id = request.Id, Result = new JsonObject() };
            default:
                return JsonRpc.Error(request.Id, BridgeErrorCodes.MethodNotFound,
                    $"Method not found: the aggregated endpoint /mcp does not route '{request.Method}' to a server; use /servers/NAME/mcp for it.");
        }
    }

    /// <summary>
    /// For a <c>tools/call</c> or <c>prompts/get</c> (requests whose server may ask the client something on the way):
    /// the running server that serves it, the request renamed to that server's own name; <see langword="null"/> for any
    /// other request, or one that <see cref="ForwardAsync"/> answers with an error.
    /// </summary>
    public IAggregateMember? TakeByName(JsonRpcRequest request, AggregateScope scope)
    {
        var names = request.Method switch
        {
            RequestMethods.ToolsCall => _tools,
            RequestMethods.PromptsGet => _prompts,
            _ => null,
        };
        if (names is null || request.Params is not JsonObject parameters || parameters["name"] is not JsonValue nameNode ||
            !nameNode.TryGetValue(out string? exposed) || Owner(exposed, scope, names) is not var (member, name) ||
            !member.IsRunning || (names == _tools && member.Server.ToolFilter is { } filter && !filter.Allows(name)))
        {
            return null;
        }

        parameters["name"] = name;
        return member;
    }

    /// <summary>
    /// A page of a merged list: the next page of every running server that declares the list, names made the
    /// aggregate's. What a server answers with an error is left out (and logged), not the whole list.
    /// </summary>
    private async Task<JsonRpcMessage> ListAsync(JsonRpcRequest request, AggregateScope session, string itemsKey,
        ConcurrentDictionary<string, (ServerRuntime Server, string Name)>? names, CancellationToken cancellationToken)
    {
        Dictionary<string, string>? cursors = null;
        if (request.Params?["cursor"] is JsonValue cursorNode && (!cursorNode.TryGetValue(out string? cursor) || (cursors = AggregateCursor.Decode(cursor)) is null))
        {
            return JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams, "Invalid cursor: pass a nextCursor of this endpoint's lists, or none for the first page.");
        }

        var members = session.Members
            .Where(member => member.IsRunning && Declares(member, request.Method) && (cursors is null || cursors.ContainsKey(member.Server.Name)))
            .ToArray();
        var answers = await Task.WhenAll(members.Select(member =>
            member.ForwardAsync(PageRequest(request, cursors?[member.Server.Name]), cancellationToken)));

        var merged = new JsonArray();
        var next = new JsonObject();
        for (var i = 0; i < members.Length; i++)
        {
            var server = members[i].Server;
            if (answers[i] is not JsonRpcResponse { Result: JsonObject result })
            {
                LogListFailed(logger, server.Name, session.SessionId, request.Method, (answers[i] as JsonRpcError)?.Error.Message ?? "no result");
                continue;
            }

            if (result[itemsKey] is JsonArray items)
            {
                var taken = items.ToArray();
                items.Clear();
                foreach (var item in taken)
                {
                    if (item is JsonObject entry && Admit(entry, server, names, session))
                    {
                        merged.Add((JsonNode)entry);
                    }
                }
            }

            if (result["nextCursor"] is JsonValue more && more.TryGetValue(out string? serverCursor))
            {
                next[server.Name] = serverCursor;
            }
        }

        var page = new JsonObject { [itemsKey] = merged };
        if (AggregateCursor.Encode(next) is { } nextCursor)
        {
            page["nextCursor"] = nextCursor;
        }

        return new JsonRpcResponse { Id = request.Id, Result = page };
    }

    /// <summary>Renames a tool or prompt for the aggregate, or records which server lists a resource (template).</summary>
    private bool Admit(JsonObject entry, ServerRuntime server, ConcurrentDictionary<string, (ServerRuntime Server, string Name)>? names, AggregateScope session)
    {
        if (names is null)
        {
            if (entry["uri"]?.ToString() is { } uri)
            {
                _resources[uri] = server;
            }
            else if (entry["uriTemplate"]?.ToString() is { } template)
            {
                _templates.AddOrUpdate(server, [template], (_, known) => known.Contains(template) ? known : [.. known, template]);
            }

            return true;
        }

        if (entry["name"]?.ToString() is not { } name)
        {
            return false;
        }

        var exposed = server.Prefix.Expose(name);
        var owner = names.AddOrUpdate(exposed, (server, name), (_, known) => known.Server.Name == server.Name ? (server, name) : known);
        if (owner.Server != server)
        {
            LogNameCollision(logger, exposed, server.Name, owner.Server.Name, session.SessionId);
            return false;
        }

        entry["name"] = exposed;
        return true;
    }

    /// <summary>Sends a request to the server whose tool or prompt it names (<c>name</c> of <paramref name="holder"/>), under that server's name for it.</summary>
    private async Task<JsonRpcMessage> ByNameAsync(JsonRpcRequest request, AggregateScope session, JsonObject? holder,
        ConcurrentDictionary<string, (ServerRuntime Server, string Name)> names, string kind, CancellationToken cancellationToken)
    {
        if (holder?["name"] is not JsonValue nameNode || !nameNode.TryGetValue(out string? exposed))
        {
            return JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams, $"Invalid params: '{request.Method}' needs the {kind}'s name.");
        }

        if (Owner(exposed, session, names) is not var (member, name) ||
            (names == _tools && member.Server.ToolFilter is { } filter && !filter.Allows(name)))
        {
            return names == _tools
                ? ToolFilter.UnknownTool(request.Id, exposed)
                : JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams, $"Unknown {kind}: {exposed}");
        }

        if (!member.IsRunning)
        {
            return NotRunning(request, member);
        }

        holder["name"] = name;
        return await member.ForwardAsync(request, cancellationToken);
    }

    /// <summary>
    /// The member whose name this is: as listed, else by prefix (a client may call a tool it did not list in this
    /// session), else the server without a prefix.
    /// </summary>
    private static (IAggregateMember Member, string Name)? Owner(string exposed, AggregateScope session,
        ConcurrentDictionary<string, (ServerRuntime Server, string Name)> names)
    {
        if (names.TryGetValue(exposed, out var listed) && Find(session, listed.Server) is { } owner)
        {
            return (owner, listed.Name);
        }

        (IAggregateMember Member, string Name)? best = null;
        foreach (var member in session.Members)
        {
            if (member.Prefix.Value.Length > 0 && member.Prefix.TryStrip(exposed, out var name) &&
                (best is null || member.Prefix.Value.Length > best.Value.Member.Prefix.Value.Length))
            {
                best = (member, name);
            }
        }

        return best ?? session.Members.Where(member => member.Prefix.Value.Length == 0).Select(member => ((IAggregateMember, string)?)(member, exposed)).FirstOrDefault();
    }

    /// <summary>
    /// Sends a request about a resource to the server that listed its URI or has a template it fits; when none is
    /// known, each server with resources is asked in turn until one answers without an error.
    /// </summary>
    private async Task<JsonRpcMessage> ByUriAsync(JsonRpcRequest request, AggregateScope session, string? uri, CancellationToken cancellationToken)
    {
        if (uri is null)
        {
            return JsonRpc.Error(request.Id, BridgeErrorCodes.InvalidParams, $"Invalid params: '{request.Method}' needs a uri.");
        }

        if (UriOwner(uri, session) is { } owner)
        {
            return owner.IsRunning ? await owner.ForwardAsync(request, cancellationToken) : NotRunning(request, owner);
        }

        JsonRpcMessage? answer = null;
        foreach (var member in session.Members.Where(member => member.IsRunning && Declares(member, RequestMethods.ResourcesList)))
        {
            answer = await member.ForwardAsync(request, cancellationToken);
            if (answer is JsonRpcResponse)
            {
                _resources[uri] = member.Server;
                return answer;
            }
        }

        return answer ?? JsonRpc.Error(request.Id, BridgeErrorCodes.ResourceNotFound, $"Resource not found: no server of this endpoint has '{uri}'.");
    }

    private IAggregateMember? UriOwner(string uri, AggregateScope session)
    {
        if (_resources.TryGetValue(uri, out var listed) && Find(session, listed) is { } owner)
        {
            return owner;
        }

        return session.Members.FirstOrDefault(member =>
            _templates.TryGetValue(member.Server, out var templates) && templates.Any(template => UriTemplateMatcher.Matches(template, uri)));
    }

    /// <summary>Sends a request to every running server that <paramref name="applies"/> to; an empty result when one took it.</summary>
    private static async Task<JsonRpcMessage> EveryServerAsync(JsonRpcRequest request, AggregateScope session, Func<IAggregateMember, bool> applies,
        CancellationToken cancellationToken)
    {
        var members = session.Members.Where(member => member.IsRunning && applies(member)).ToArray();
        var answers = await Task.WhenAll(members.Select(member => member.ForwardAsync(Copy(request, request.Params?.DeepClone()), cancellationToken)));
        return answers.Any(answer => answer is JsonRpcResponse) || answers.Length == 0
            ? new JsonRpcResponse { Id = request.Id, Result = new JsonObject() }
            : answers[0];
    }

    private static bool Declares(IAggregateMember member, string listMethod)
    {
        var capabilities = member.Capabilities;
        return listMethod switch
        {
            RequestMethods.ToolsList => capabilities.Tools is not null,
            RequestMethods.PromptsList => capabilities.Prompts is not null,
            _ => capabilities.Resources is not null,
        };
    }

    private static IAggregateMember? Find(AggregateScope session, ServerRuntime server) =>
        session.Members.FirstOrDefault(member => member.Server == server);

    /// <summary>The request for one server's page: its own cursor, or none for its first page.</summary>
    private static JsonRpcRequest PageRequest(JsonRpcRequest request, string? cursor)
    {
        var parameters = request.Params?.DeepClone() as JsonObject ?? [];
        parameters.Remove("cursor");
        if (cursor is not null)
        {
            parameters["cursor"] = cursor;
        }

        return Copy(request, parameters.Count == 0 ? null : parameters);
    }

    private static JsonRpcRequest Copy(JsonRpcRequest request, JsonNode? parameters) =>
        new() { Id = request.Id, Method = request.Method, Params = parameters, Context = request.Context };

    private static JsonRpcError NotRunning(JsonRpcRequest request, IAggregateMember member) =>
        JsonRpc.Error(request.Id, BridgeErrorCodes.ChildUnavailable,
            $"The MCP server '{member.Server.Name}' of this session is not running ({member.StartError ?? "it exited"}); " +
            "its tools, prompts and resources have left the lists. Start a new session to try it again.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregated session {SessionId}: MCP server {Server} answered {Method} with an error; its entries are left out: {Reason}")]
    private static partial void LogListFailed(ILogger logger, string server, string sessionId, string method, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aggregated session {SessionId}: the name {Name} of MCP server {Server} is already {Owner}'s; it is left out. Give one of them a Tools:Prefix")]
    private static partial void LogNameCollision(ILogger logger, string name, string server, string owner, string sessionId);
}
