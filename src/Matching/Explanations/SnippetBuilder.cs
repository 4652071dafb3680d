using System.Net;
using System.Text;

namespace Quanzhou.Matching.Explanations;

/// <summary>
/// Picks the passage of a document's normalised text that holds the most matched terms and marks them with
/// <c>&lt;em&gt;</c>. Matched word tokens are substrings of the normalised text, so no re-analysis is needed.
/// </summary>
internal static class SnippetBuilder
{
    public const int DefaultLength = 120;

    public static string Build(string text, IReadOnlyList<string> terms, int length = DefaultLength)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var hits = new List<(int Start, int End, int Term)>();
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            for (int at = text.IndexOf(term, StringComparison.Ordinal), n = 0; at >= 0 && n < 50; at = text.IndexOf(term, at + term.Length, StringComparison.Ordinal), n++)
            {
                hits.Add((at, at + term.Length, t));
            }
        }

        hits.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var kept = new List<(int Start, int End, int Term)>();
        foreach (var h in hits)
        {
            if (kept.Count == 0 || h.Start >= kept[^1].End)
            {
                kept.Add(h);
            }
        }

        // Best window: most distinct terms (earlier terms are more informative, so they weigh more).
        int bestStart = 0;
        var bestScore = -1.0;
        for (var i = 0; i < kept.Count; i++)
        {
            var seen = new HashSet<int>();
            var score = 0.0;
            for (var j = i; j < kept.Count && kept[j].End - kept[i].Start <= length; j++)
            {
                if (seen.Add(kept[j].Term))
                {
                    score += 1.0 + (1.0 / (1 + kept[j].Term));
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                bestStart = kept[i].Start;
            }
        }

        var start = Math.Max(0, Math.Min(bestStart - 10, text.Length - length));
        var end = Math.Min(text.Length, start + length);
        var sb = new StringBuilder(length + 64);
        if (start > 0)
        {
            sb.Append('…');
        }

        var pos = start;
        foreach (var (s, e, _) in kept)
        {
            if (s < start || e > end)
            {
                continue;
            }

            sb.Append(WebUtility.HtmlEncode(text[pos..s])).Append("<em>").Append(WebUtility.HtmlEncode(text[s..e])).Append("</em>");
            pos = e;
        }

        sb.Append(WebUtility.HtmlEncode(text[pos..end]));
        if (end < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString().Replace('\n', ' ');
    }
}
