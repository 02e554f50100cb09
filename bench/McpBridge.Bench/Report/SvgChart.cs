using System.Globalization;
using System.Net;
using System.Text;

namespace McpBridge.Bench.Report;

/// <summary>
/// A hand-written SVG of two grouped bar charts: throughput (calls/s, linear) and p99 latency (ms, log scale),
/// one group per concurrency level, one bar per system.
/// </summary>
internal static class SvgChart
{
    private const int Width = 960;
    private const int PanelHeight = 300;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 88;
    private const int LegendRowHeight = 18;
    private const int Gap = 80;

    private static readonly string[] Colors = ["#7f7f7f", "#bcbd22", "#1f77b4", "#2ca02c", "#d62728", "#ff7f0e", "#9467bd", "#8c564b"];

    public static string Render(BenchResults results, IReadOnlyList<(string System, string Label)> systems)
    {
        var levels = results.Levels.ToList();
        var svg = new StringBuilder();
        var height = Top + (2 * PanelHeight) + Gap + 50;
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="22" font-size="16" font-weight="bold">McpBridge vs peers: server-everything echo, {results.Machine.Cores} cores, medians of {results.Settings.Reps}</text>""").Append('\n');
        Legend(svg, systems);

        Panel(svg, "Throughput (calls/s, higher is better)", Top, levels, systems, logScale: false,
            (system, level) => results.At(system, level.Clients)?.CallsPerSecond);
        Panel(svg, "p99 latency (ms, log scale, lower is better)", Top + PanelHeight + Gap, levels, systems, logScale: true,
            (system, level) => results.At(system, level.Clients)?.P99Ms);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<(string System, string Label)> systems)
    {
        var x = Left;
        var y = 36;
        for (var i = 0; i < systems.Count; i++)
        {
            var width = 24 + (int)(systems[i].Label.Length * 6.6);
            if (x > Left && x + width > Width - Right)
            {
                x = Left;
                y += LegendRowHeight; // a second row: seven systems do not fit in one
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y}" width="12" height="12" fill="{Colors[i % Colors.Length]}"/><text x="{x + 16}" y="{y + 10}">{Escape(systems[i].Label)}</text>""").Append('\n');
            x += width;
        }
    }

    private static void Panel(StringBuilder svg, string title, int top, List<Load.LoadLevel> levels, IReadOnlyList<(string System, string Label)> systems,
        bool logScale, Func<string, Load.LoadLevel, double?> value)
    {
        var plotTop = top + 20;
        var plotHeight = PanelHeight - 50;
        var plotWidth = Width - Left - Right;
        var values = levels.SelectMany(l => systems.Select(s => value(s.System, l))).Where(v => v is > 0).Select(v => v!.Value).ToList();
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{top + 8}" font-size="14" font-weight="bold">{Escape(title)}</text>""").Append('\n');
        if (values.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{plotTop + 40}">no data</text>""").Append('\n');
            return;
        }

        var (min, max) = logScale
            ? (Math.Pow(10, Math.Floor(Math.Log10(values.Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(values.Max()))))
            : (0, NiceMax(values.Max()));
        double Y(double v) => logScale
            ? plotTop + plotHeight - ((Math.Log10(v) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min)) * plotHeight)
            : plotTop + plotHeight - (v / max * plotHeight);

        foreach (var tick in Ticks(min, max, logScale))
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y:0.#}" x2="{Left + plotWidth}" y2="{y:0.#}" stroke="#ddd"/><text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{Label(tick)}</text>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{plotTop + plotHeight}" x2="{Left + plotWidth}" y2="{plotTop + plotHeight}" stroke="#333"/>""").Append('\n');
        var groupWidth = (double)plotWidth / levels.Count;
        var barWidth = Math.Min(36, (groupWidth - 24) / systems.Count);
        for (var g = 0; g < levels.Count; g++)
        {
            var groupLeft = Left + (g * groupWidth) + ((groupWidth - (barWidth * systems.Count)) / 2);
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + (g * groupWidth) + (groupWidth / 2):0.#}" y="{plotTop + plotHeight + 18}" text-anchor="middle">{levels[g].Clients} client{(levels[g].Clients == 1 ? "" : "s")}</text>""").Append('\n');
            for (var s = 0; s < systems.Count; s++)
            {
                var x = groupLeft + (s * barWidth);
                var v = value(systems[s].System, levels[g]);
                if (v is not > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + (barWidth / 2):0.#}" y="{plotTop + plotHeight - 4}" text-anchor="middle" font-size="9" fill="#999">n/a</text>""").Append('\n');
                    continue;
                }

                var y = Math.Min(Y(v.Value), plotTop + plotHeight - 1);
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect x="{x:0.#}" y="{y:0.#}" width="{barWidth - 2:0.#}" height="{plotTop + plotHeight - y:0.#}" fill="{Colors[s % Colors.Length]}"><title>{Escape(systems[s].Label)}, {levels[g].Clients} clients: {Label(v.Value)}</title></rect>""").Append('\n');
                if (barWidth >= 18)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + ((barWidth - 2) / 2):0.#}" y="{y - 3:0.#}" text-anchor="middle" font-size="9">{Label(v.Value)}</text>""").Append('\n');
                }
            }
        }
    }

    private static IEnumerable<double> Ticks(double min, double max, bool logScale)
    {
        if (logScale)
        {
            for (var t = min; t <= max * 1.0001; t *= 10)
            {
                yield return t;
            }

            yield break;
        }

        for (var i = 0; i <= 5; i++)
        {
            yield return max * i / 5;
        }
    }

    private static double NiceMax(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Label(double v) => v switch
    {
        >= 10000 => (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0.#", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture),
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Escape(string s) => WebUtility.HtmlEncode(s);
}
