namespace McpBridge.Aggregation;

/// <summary>Name globs of tool filters: <c>*</c> matches any run of characters, <c>?</c> one character, case-sensitive.</summary>
internal static class Glob
{
    public static bool Matches(string glob, string name) => Matches(glob.AsSpan(), name.AsSpan());

    private static bool Matches(ReadOnlySpan<char> glob, ReadOnlySpan<char> name)
    {
        // Iterative matching with one backtrack point: linear for the short patterns of a configuration.
        int g = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (g < glob.Length && (glob[g] == '?' || glob[g] == name[n]))
            {
                g++;
                n++;
            }
            else if (g < glob.Length && glob[g] == '*')
            {
                star = g++;
                resume = n;
            }
            else if (star >= 0)
            {
                g = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (g < glob.Length && glob[g] == '*')
        {
            g++;
        }

        return g == glob.Length;
    }
}
