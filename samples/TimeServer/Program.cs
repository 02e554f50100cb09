using TimeServer;

return await TimeServerCommand.InvokeAsync(args);
