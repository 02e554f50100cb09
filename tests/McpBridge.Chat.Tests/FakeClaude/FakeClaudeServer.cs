using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpBridge.Chat.Tests.FakeClaude;

/// <summary>
/// A local stand-in for the Anthropic Messages API (<c>POST /v1/messages</c>) on 127.0.0.1: it answers with scripted
/// replies, streaming (SSE events as the real API sends them) or not, and records every request it gets, so tests can
/// check what the chat sent to Claude. It accepts only the test's key, which the SDK sends as <c>Authorization: Bearer</c>.
/// </summary>
internal sealed class FakeClaudeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _messageCounter;

    private FakeClaudeServer(WebApplication app) => _app = app;

    /// <summary>The key the chat must send; a fresh one per server, so a test can check it never reaches the browser.</summary>
    public string ApiKey { get; } = $"sk-ant-fake-{Guid.NewGuid():N}";

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeClaudeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeClaudeServer(app);
        app.MapPost("/v1/messages", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Queues the answer to the next request.</summary>
    public FakeClaudeServer Reply(FakeReply reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> requests have arrived, and returns the last of them.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(int count, TimeSpan? timeout = null)
    {
        TaskCompletionSource reached;
        lock (_requests)
        {
            if (_requests.Count >= count)
            {
                return _requests[count - 1];
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
        }

        try
        {
            await reached.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The fake Claude got {Requests.Count} requests, not {count}, in time.");
        }

        return Requests[count - 1];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.RequestAborted.Register(() => aborted.TrySetResult());
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new RecordedRequest(body, headers, aborted.Task);
        Record(request);

        if (request.Header("authorization") != $"Bearer {ApiKey}")
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "authentication_error", "invalid x-api-key");
            return;
        }

        if (!_replies.TryDequeue(out var reply))
        {
            // 400 rather than 5xx: the SDK would retry a 5xx.
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error", "The fake Claude has no scripted reply for this request.");
            return;
        }

        var id = $"msg_fake_{Interlocked.Increment(ref _messageCounter)}";
        var model = (string?)body["model"] ?? "claude-fake";
        if (request.Streamed)
        {
            await StreamAsync(context, reply, id, model, aborted.Task);
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Message(reply, id, model, complete: true).ToJsonString(), context.RequestAborted);
        }
    }

    private static async Task StreamAsync(HttpContext context, FakeReply reply, string id, string model, Task aborted)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await SendAsync(response, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = Message(reply, id, model, complete: false) }, ct);

        var chunkNumber = 0;
        for (var index = 0; index < reply.Blocks.Count; index++)
        {
            switch (reply.Blocks[index])
            {
                case FakeText text:
                    await SendAsync(response, "content_block_start", new JsonObject
                    {
                        ["type"] = "content_block_start", ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty },
                    }, ct);
                    foreach (var chunk in text.Chunks)
                    {
                        if (reply.Gate is { } gate && chunkNumber == reply.GateAtChunk)
                        {
                            await gate.WaitAsync(TimeSpan.FromSeconds(60), ct);
                        }

                        await SendAsync(response, "content_block_delta", new JsonObject
                        {
                            ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk },
                        }, ct);
                        chunkNumber++;
                        if (reply.HangAfterFirstChunk)
                        {
                            // Claude "keeps thinking" until the chat goes away (Stop), within a bound.
                            await aborted.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
                            return;
                        }
                    }

                    break;
                case FakeToolUse tool:
                    await SendAsync(response, "content_block_start", new JsonObject
                    {
                        ["type"] = "content_block_start", ["index"] = index,
                        ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = tool.Id, ["name"] = tool.Name, ["input"] = new JsonObject() },
                    }, ct);

                    // The input arrives as partial JSON, split in two as the real API does.
                    var json = tool.Input.ToJsonString();
                    foreach (var part in new[] { json[..(json.Length / 2)], json[(json.Length / 2)..] })
                    {
                        await SendAsync(response, "content_block_delta", new JsonObject
                        {
                            ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = part },
                        }, ct);
                    }

                    break;
            }

            await SendAsync(response, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }, ct);
        }

        await SendAsync(response, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.StopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 25 },
        }, ct);
        await SendAsync(response, "message_stop", new JsonObject { ["type"] = "message_stop" }, ct);
    }

    private static JsonObject Message(FakeReply reply, string id, string model, bool complete)
    {
        var content = new JsonArray();
        if (complete)
        {
            foreach (var block in reply.Blocks)
            {
                content.Add(block switch
                {
                    FakeText text => new JsonObject { ["type"] = "text", ["text"] = string.Concat(text.Chunks) },
                    FakeToolUse tool => new JsonObject { ["type"] = "tool_use", ["id"] = tool.Id, ["name"] = tool.Name, ["input"] = tool.Input.DeepClone() },
                    _ => throw new InvalidOperationException(),
                });
            }
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content,
            ["stop_reason"] = complete ? reply.StopReason : null,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 100, ["output_tokens"] = complete ? 25 : 1 },
        };
    }

    private static async Task SendAsync(HttpResponse response, string type, JsonObject data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };
        return context.Response.WriteAsync(error.ToJsonString());
    }

    private void Record(RecordedRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
