using McpBridge.TestServer.Hosting;

return await TestServerCommand.InvokeAsync(args);
