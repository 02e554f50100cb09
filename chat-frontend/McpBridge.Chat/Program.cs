using McpBridge.Chat.Api;
using McpBridge.Chat.Configuration;
using McpBridge.Chat.Conversation;
using McpBridge.Chat.Hosting;
using McpBridge.ServiceDefaults;

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

// Claude's and the tools' spans (Microsoft.Extensions.AI), the MCP client's, and HttpClient's, which carry the trace
// context to the gateway.
builder.AddServiceDefaults("mcpbridge-chat", ClaudeChatExtensions.TelemetrySource, "Experimental.ModelContextProtocol");
builder.Services.AddChatOptions();
builder.Services.AddConfigurationChangeNotice();
builder.Services.AddClaudeChat();
builder.Services.AddChatEdge();

var app = builder.Build();
app.UseChatEdge();
app.MapServiceDefaults();
app.MapChatApi();
app.MapToolsApi();
app.MapStatusApi();
app.Lifetime.ApplicationStarted.Register(() => ChatBanner.Print(app));

await app.RunAsync();
return 0;
