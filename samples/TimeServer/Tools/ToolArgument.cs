namespace TimeServer.Tools;

/// <summary>One required string argument of a tool.</summary>
/// <param name="Name">The argument's name, e.g. <c>timezone</c>.</param>
/// <param name="Description">The description the schema gives it.</param>
internal sealed record ToolArgument(string Name, string Description);
