using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Quanzhou.Matching.Analysis;

/// <summary>
/// Normalises text identically at index and query time: HTML/markup is removed and entities decoded; NFKC folds
/// full-width forms to half-width (ＴＰＵ → TPU, ３５ＭＰａ → 35MPa); control, zero-width and bidi characters are removed;
/// characters outside the Basic Multilingual Plane (emoji, rare ideographs) become spaces; traditional characters are
/// mapped to simplified (發泡 → 发泡); Latin is lower-cased; runs of whitespace collapse.
/// </summary>
/// <remarks>
/// <para>
/// Ill-formed and non-text code points never make normalisation fail: unpaired (lone) surrogates and the Unicode
/// noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE/U+FFFF through U+10FFFE/U+10FFFF)
/// are first replaced by U+FFFD, which, like other invisible characters, is then dropped without separating words
/// (膜, a lone U+D800, 结束 → <c>膜结束</c>). Documents replace unpaired surrogates in their text by U+FFFD when they are
/// created, so a document and a query with the same raw text normalise identically. Well-formed surrogate pairs (emoji,
/// extension-B ideographs) are kept in stored text and become spaces here.
/// </para>
/// <para>Thread-safe and allocation-light; one instance can serve a whole process.</para>
/// </remarks>
public sealed partial class ChineseTextNormalizer
{
    private readonly Dictionary<char, char> _traditionalToSimplified;

    private ChineseTextNormalizer(Dictionary<char, char> traditionalToSimplified) =>
        _traditionalToSimplified = traditionalToSimplified;

    /// <summary>The default normaliser with the shipped traditional → simplified table (from the Unicode Unihan database).</summary>
    public static ChineseTextNormalizer Default { get; } = new(LoadTraditionalToSimplified());

    /// <summary>Normalises <paramref name="text"/>.</summary>
    /// <param name="text">The raw text; <see langword="null"/> is treated as empty.</param>
    /// <returns>The normalised text (possibly empty).</returns>
    public string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Contains('<', StringComparison.Ordinal) || text.Contains('&', StringComparison.Ordinal))
        {
            text = StripMarkup(text);
        }

        // string.Normalize throws on ill-formed UTF-16 and on some noncharacters (U+FFFE), so those go first.
        text = ReplaceInvalidCodePoints(text);
        if (!text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a supplementary character (emoji, extension-B ideograph): SmartCn would split it into halves
                pendingSpace = true;
                continue;
            }

            if (char.IsWhiteSpace(c) || IsInvisible(c))
            {
                pendingSpace |= char.IsWhiteSpace(c) || char.IsControl(c);
                continue;
            }

            if (pendingSpace && sb.Length > 0)
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            if (c < 128)
            {
                sb.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            }
            else
            {
                sb.Append(_traditionalToSimplified.TryGetValue(c, out var simplified) ? simplified : char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static bool IsInvisible(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c) // unpaired: paired ones were handled by the caller
        || c is '\u00AD' or '\u034F' or '\u061C' or '\u180E' or '\uFEFF' or '\uFFFC' or '\uFFFD'
        || c is >= '\u200B' and <= '\u200F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2060' and <= '\u206F'
        || c is >= '\uFE00' and <= '\uFE0F'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static string StripMarkup(string text)
    {
        // Blocks are removed with linear scans (regexes with lazy or counted loops went quadratic on hostile input).
        text = RemoveBlocks(text, "<!--", "-->");
        text = RemoveBlocks(text, "<script", "</script>");
        text = RemoveBlocks(text, "<style", "</style>");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text).Replace('<', ' ').Replace('>', ' ');
    }

    /// <summary>Removes <paramref name="open"/>…<paramref name="close"/> blocks (case-insensitive); an unclosed opener is removed alone.</summary>
    private static string RemoveBlocks(string text, string open, string close)
    {
        var at = text.IndexOf(open, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var pos = 0;
        var closable = true; // once a closer is missing, no later opener can be closed: stop searching for closers
        while (at >= 0)
        {
            sb.Append(text, pos, at - pos).Append(' ');
            var end = closable ? text.IndexOf(close, at + open.Length, StringComparison.OrdinalIgnoreCase) : -1;
            closable = end >= 0;
            pos = end < 0 ? at + open.Length : end + close.Length;
            at = text.IndexOf(open, pos, StringComparison.OrdinalIgnoreCase);
        }

        return sb.Append(text, pos, text.Length - pos).ToString();
    }

    /// <summary>Replaces unpaired surrogates and noncharacters by U+FFFD (a noncharacter outside the BMP, two chars, by one U+FFFD).</summary>
    private static string ReplaceInvalidCodePoints(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = 1;
            bool invalid;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                invalid = IsNoncharacter(char.ConvertToUtf32(c, text[i + 1]));
            }
            else
            {
                invalid = char.IsSurrogate(c) || IsNoncharacter(c);
            }

            if (invalid)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append('\uFFFD');
            }
            else
            {
                sb?.Append(text, i, width);
            }

            i += width - 1;
        }

        return sb?.ToString() ?? text;
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static Dictionary<char, char> LoadTraditionalToSimplified()
    {
        var map = new Dictionary<char, char>(3000);
        foreach (var line in EmbeddedResources.ReadLines("Quanzhou.Matching.Analysis.t2s.txt"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab == 1 && line.Length == 3)
            {
                map[line[0]] = line[2];
            }
        }

        return map;
    }

    // The atomic group stops at the first '<' or '>' without backtracking, so scanning stays linear on hostile input.
    [GeneratedRegex(@"</?[a-zA-Z](?>[^<>]{0,512})>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
