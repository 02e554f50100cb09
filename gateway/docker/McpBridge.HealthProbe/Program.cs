using McpBridge.HealthProbe;

// mcpbridge-probe [URL]: exit 0 when URL (default: /healthz of the gateway's own ASPNETCORE_URLS) answers 2xx.
return await HealthProbe.RunAsync(args, Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Console.Out, Console.Error);
