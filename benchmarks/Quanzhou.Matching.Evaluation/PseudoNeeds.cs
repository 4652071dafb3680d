using System.Text.RegularExpressions;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// <c>--pseudo-needs N</c>: self-supervised training needs mined from the corpus itself. An achievement's own need
/// clause (针对…问题, 为了提高…) becomes a query, and the clause (with the comma after it) is removed from that
/// achievement in a separate training index, so the model must find it from the rest of its text — the way a portal
/// could turn its own achievements into extra training pairs. Only the training index changes; the evaluated index is
/// the corpus as given. Measured on the public data: it lowers dev quality (see the README), so it is off by default.
/// </summary>
internal static partial class PseudoNeeds
{
    /// <summary>A mined need: the query, the achievement it came from, and that achievement with the clause removed.</summary>
    public sealed record Mined(TrainingQuery Query, string DocumentId, MatchDocument Cut);

    /// <summary>Mines up to <paramref name="max"/> needs, one per achievement, skipping <paramref name="skip"/> (e.g. documents judged in train).</summary>
    public static List<Mined> Mine(IReadOnlyList<MatchDocument> corpus, IReadOnlySet<string> skip, int max)
    {
        var result = new List<Mined>();
        foreach (var document in corpus)
        {
            if (result.Count >= max)
            {
                break;
            }

            if (skip.Contains(document.Id) || document is not TechAchievement achievement || achievement.Description is not { Length: > 0 } text)
            {
                continue;
            }

            var match = ClauseStart().Match(text);
            if (!match.Success)
            {
                continue;
            }

            var start = match.Groups["c"].Index;
            var end = ClauseEnd(text, start, match.Groups["v"].Value);
            if (end < 0 || end - start is < 8 or > 120 || Anaphoric().IsMatch(text.AsSpan(start, end - start)))
            {
                continue;
            }

            var cut = string.Concat(text.AsSpan(0, start), text.AsSpan(end + 1)); // the clause and the comma after it
            result.Add(new Mined(
                new TrainingQuery("pseudo:" + document.Id, text[start..end], "problem"),
                document.Id,
                new TechAchievement(achievement.Id, achievement.Title) { Description = cut, Keywords = achievement.Keywords, Attributes = achievement.Attributes }));
        }

        return result;
    }

    /// <summary>End of the clause (exclusive; the index of the comma after it): for 针对/为解决 the first need word before a comma, else the next comma; -1 when a sentence ends first.</summary>
    private static int ClauseEnd(string text, int start, string verb)
    {
        var limit = Math.Min(text.Length, start + 121);
        if (verb is "针对" or "为解决" or "为了解决")
        {
            for (var i = start + 2; i < limit - 1; i++)
            {
                if (text[i + 1] is ',' or '，' && NeedWord().IsMatch(text.AsSpan(start, i + 1 - start)))
                {
                    return i + 1;
                }
            }
        }

        for (var i = start + 2; i < limit; i++)
        {
            if (text[i] is ',' or '，')
            {
                return i;
            }

            if (text[i] is '。' or '.' or ';' or '；')
            {
                return -1;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"(?:^|[,，。.;；])\s*(?<c>(?<v>针对|为了解决|为了|为解决|为提高|为实现|为满足|为改善|为克服|为进一步|为降低|为减少|为准确|为有效|为确保|为更好|为适应|为保证|为加强|为突破|为避免|为优化|为减小|为提升|为防止|为快速|为消除|为抑制|为预防))")]
    private static partial Regex ClauseStart();

    [GeneratedRegex(@"^(?:针对|为了?解决)(?:上述|这|该|此|以上|前述|其)")]
    private static partial Regex Anaphoric();

    [GeneratedRegex("(?:问题|需求|不足|缺陷|难题)$")]
    private static partial Regex NeedWord();
}
