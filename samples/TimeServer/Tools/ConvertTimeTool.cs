using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TimeServer.Clock;

namespace TimeServer.Tools;

/// <summary><c>convert_time {source_timezone, time, target_timezone}</c>: today's "HH:MM" in one zone, seen from another.</summary>
internal sealed class ConvertTimeTool : McpServerTool
{
    /// <summary>The tool's name.</summary>
    public const string Name = "convert_time";

    private readonly WorldClock _clock;
    private readonly ToolInputSchema _input;

    /// <summary>Creates the tool; its descriptions name <see cref="TimeServerOptions.LocalTimeZone"/>.</summary>
    public ConvertTimeTool(WorldClock clock, TimeServerOptions options)
    {
        _clock = clock;
        var local = options.LocalTimeZone;
        _input = new ToolInputSchema(
            new ToolArgument(
                "source_timezone",
                $"Source IANA timezone name (e.g., 'America/New_York', 'Europe/London'). Use '{local}' as local timezone if no source timezone provided by the user."),
            new ToolArgument("time", "Time to convert in 24-hour format (HH:MM)"),
            new ToolArgument(
                "target_timezone",
                $"Target IANA timezone name (e.g., 'Asia/Tokyo', 'America/San_Francisco'). Use '{local}' as local timezone if no target timezone provided by the user."));
        ProtocolTool = new Tool
        {
            Name = Name,
            Description = "Convert time between timezones",
            InputSchema = _input.Json,
            Annotations = TimeToolAnnotations.Create(),
        };
    }

    /// <inheritdoc />
    public override Tool ProtocolTool { get; }

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => [];

    /// <inheritdoc />
    public override ValueTask<CallToolResult> InvokeAsync(
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        var arguments = request.Params?.Arguments;
        if (_input.Validate(arguments) is { } invalid)
        {
            return ValueTask.FromResult(ToolResults.Error(invalid));
        }

        return ValueTask.FromResult(ToolResults.Query(() => TimeJsonContext.Serialize(_clock.ConvertTime(
            arguments!["source_timezone"].GetString()!,
            arguments["time"].GetString()!,
            arguments["target_timezone"].GetString()!))));
    }
}
