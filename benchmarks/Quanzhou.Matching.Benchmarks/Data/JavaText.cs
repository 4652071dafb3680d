namespace Quanzhou.Matching.Benchmarks.Data;

/// <summary>Java's <c>String.strip()</c> (<c>Character.isWhitespace</c>), which differs from .NET's <c>Trim()</c> on no-break spaces.</summary>
internal static class JavaText
{
    public static string Strip(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsJavaWhitespace(s, start, out var width))
        {
            start += width;
        }

        while (end > start && IsJavaWhitespaceBefore(s, end, out var width))
        {
            end -= width;
        }

        return start == 0 && end == s.Length ? s : s[start..end];
    }

    private static bool IsJavaWhitespace(string s, int index, out int width)
    {
        if (index + 1 < s.Length && char.IsHighSurrogate(s[index]) && char.IsLowSurrogate(s[index + 1]))
        {
            width = 2;
            return IsJavaWhitespace(char.ConvertToUtf32(s[index], s[index + 1]));
        }

        width = 1;
        return IsJavaWhitespace(s[index]);
    }

    private static bool IsJavaWhitespaceBefore(string s, int end, out int width)
    {
        if (end >= 2 && char.IsLowSurrogate(s[end - 1]) && char.IsHighSurrogate(s[end - 2]))
        {
            width = 2;
            return IsJavaWhitespace(char.ConvertToUtf32(s[end - 2], s[end - 1]));
        }

        width = 1;
        return IsJavaWhitespace(s[end - 1]);
    }

    private static bool IsJavaWhitespace(int c)
    {
        if (c is '\u00A0' or '\u2007' or '\u202F')
        {
            return false;
        }

        if (c is >= 0x09 and <= 0x0D or >= 0x1C and <= 0x1F)
        {
            return true;
        }

        if (c > 0xFFFF)
        {
            return false; // no supplementary code point is a Unicode space/line/paragraph separator
        }

        var category = char.GetUnicodeCategory((char)c);
        return category is System.Globalization.UnicodeCategory.SpaceSeparator
            or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator;
    }
}
