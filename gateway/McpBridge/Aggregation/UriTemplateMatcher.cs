using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace McpBridge.Aggregation;

/// <summary>
/// Whether a URI could come from a resource template (RFC 6570 expressions: <c>{x}</c>, <c>{+x}</c>, <c>{#x}</c>,
/// <c>{/x}</c>, <c>{.x}</c>, <c>{?x,y}</c>, <c>{&amp;x}</c>): how a read is routed to the server whose template it fits.
/// </summary>
internal static class UriTemplateMatcher
{
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static bool Matches(string template, string uri)
    {
        try
        {
            return Compiled.GetOrAdd(template, static t => new Regex(ToPattern(t), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50))).IsMatch(uri);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string ToPattern(string template)
    {
        var pattern = new StringBuilder("^");
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                pattern.Append(Regex.Escape(template[at..]));
                break;
            }

            pattern.Append(Regex.Escape(template[at..open]));
            var expression = template[(open + 1)..close];
            pattern.Append(expression.Length == 0 ? "" : expression[0] switch
            {
                '+' => ".*",
                '#' => "(#.*)?",
                '/' => "(/[^/?#]*)*",
                '.' => @"(\.[^/?#.]*)*",
                '?' or '&' => @"([?&][^#]*)?",
                _ => "[^/?#]*",
            });
            at = close + 1;
        }

        return pattern.Append('$').ToString();
    }
}
