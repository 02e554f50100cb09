using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TimeServer.Clock;

namespace TimeServer.Tools;

/// <summary><c>get_current_time {timezone}</c>: the time now in a zone.</summary>
internal sealed class GetCurrentTimeTool : McpServerTool
{
    /// <summary>The tool's name.</summary>
    public const string Name = "get_current_time";

    private readonly WorldClock _clock;
    private readonly ToolInputSchema _input;

    /// <summary>Creates the tool; its description names <see cref="TimeServerOptions.LocalTimeZone"/>.</summary>
    public GetCurrentTimeTool(WorldClock clock, TimeServerOptions options)
    {
        _clock = clock;
        _input = new ToolInputSchema(
            new ToolArgument(
                "timezone",
                $"IANA timezone name (e.g., 'America/New_York', 'Europe/London'). Use '{options.LocalTimeZone}' as local timezone if no timezone provided by the user."));
        ProtocolTool = new Tool
        {
            Name = Name,
            Description = "Get current time in a specific timezone",
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

        return ValueTask.FromResult(ToolResults.Query(() =>
        {
            var timezone = arguments!["timezone"].GetString();
            if (string.IsNullOrEmpty(timezone))
            {
                throw new TimeQueryException("Missing required argument: timezone");
            }

            return TimeJsonContext.Serialize(_clock.GetCurrentTime(timezone));
        }));
    }
}
