using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace TimeServer;

/// <summary>
/// Python's <c>repr()</c> of strings and of JSON values as python's json module reads them,
/// for messages that quote a value the way the python server's do.
/// </summary>
internal static class PythonRepr
{
    /// <summary><c>repr(text)</c>: single quotes unless the text holds only single quotes, escapes for unprintables.</summary>
    public static string Of(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value == quote || value == '\\')
            {
                builder.Append('\\').Append((char)value);
            }
            else if (value is '\t' or '\n' or '\r')
            {
                builder.Append(value switch { '\t' => @"\t", '\n' => @"\n", _ => @"\r" });
            }
            else if (IsPrintable(rune))
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append(value switch
                {
                    < 0x100 => $"\\x{value:x2}",
                    < 0x10000 => $"\\u{value:x4}",
                    _ => $"\\U{value:x8}",
                });
            }
        }

        return builder.Append(quote).ToString();
    }

    /// <summary><c>repr(value)</c> of a JSON value: <c>None</c>, <c>True</c>, <c>5</c>, <c>1.5</c>, <c>'text'</c>, <c>[1, 2]</c>, <c>{'a': 1}</c>.</summary>
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Of(value.GetString()!),
        JsonValueKind.Number => OfNumber(value.GetRawText()),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Array => $"[{string.Join(", ", value.EnumerateArray().Select(Of))}]",
        JsonValueKind.Object => $"{{{string.Join(", ", value.EnumerateObject().Select(p => $"{Of(p.Name)}: {Of(p.Value)}"))}}}",
        _ => "None",
    };

    /// <summary>JSON numbers with a fraction or exponent are python floats; the others are ints.</summary>
    private static string OfNumber(string raw) =>
        raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0
            ? OfFloat(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture))
            : BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary><c>repr(float)</c>: the shortest round-trip digits, in positional form unless the exponent is below -4 or above 15.</summary>
    private static string OfFloat(double value)
    {
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = value < 0 || double.IsNegative(value) ? "-" : "";
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        // Reduce to significant digits and the position of the decimal point among them.
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leadingZeros..].TrimEnd('0');
        point -= leadingZeros;

        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        if (point is > -4 and <= 16)
        {
            return sign + (point <= 0
                ? "0." + new string('0', -point) + digits
                : point >= digits.Length
                    ? digits + new string('0', point - digits.Length) + ".0"
                    : digits[..point] + "." + digits[point..]);
        }

        var scientific = point - 1;
        var fraction = digits.Length > 1 ? "." + digits[1..] : "";
        return $"{sign}{digits[0]}{fraction}e{(scientific < 0 ? '-' : '+')}{Math.Abs(scientific):00}";
    }

    /// <summary>python's <c>str.isprintable</c> for one character: not a control, format, separator (but space) or unassigned one.</summary>
    private static bool IsPrintable(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };
}
