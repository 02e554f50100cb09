using McpBridge.Bench;

return await BenchCommandLine.InvokeAsync(args);
