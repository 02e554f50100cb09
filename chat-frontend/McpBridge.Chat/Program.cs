using McpBridge.Chat.Api;
using McpBridge.Chat.Configuration;
using McpBridge.Chat.Conversation;
using McpBridge.Chat.Hosting;

if (HealthProbe.IsProbe(args))
{
    return await HealthProbe.RunAsync(args);
}

// The UI and appsettings.json sit beside the assembly, wherever the chat is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddChatEnvironmentAliases(args).UseLoopbackUnlessConfigured();
if (ChatConfigurationExtensions.Problems(builder.Configuration) is { Count: > 0 } problems)
{
    Console.Error.WriteLine($"McpBridge chat: the configuration has {problems.Count} problem(s):\n  " + string.Join("\n  ", problems));
    return 2;
}

builder.Services.AddChatOptions();
builder.Services.AddClaudeChat();
builder.Services.AddChatEdge();

var app = builder.Build();
app.UseChatEdge();
app.MapChatApi();
app.MapToolsApi();
app.MapStatusApi();
app.Lifetime.ApplicationStarted.Register(() => ChatBanner.Print(app));

await app.RunAsync();
return 0;
