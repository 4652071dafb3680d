using System.Globalization;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Explanations;

/// <summary>Builds the explanation a technology manager reads: matched terms, a highlighted snippet and reasons in words.</summary>
internal static class MatchExplainer
{
    /// <summary>At most this many reasons per result (an expert's supporting achievements are added after them).</summary>
    public const int MaxReasons = 5;

    private static readonly (CooperationModes Mode, string Name)[] Modes =
    [
        (CooperationModes.Transfer, "转让"), (CooperationModes.License, "许可"), (CooperationModes.EquityInvestment, "作价入股"),
        (CooperationModes.JointDevelopment, "合作开发"), (CooperationModes.TechnicalService, "技术服务"),
    ];

    public static MatchExplanation Explain(
        QueryContext ctx,
        Candidate candidate,
        MatchDocument document,
        string normalizedText,
        RankerScore score,
        string rankerName)
    {
        var docWords = new HashSet<string>(candidate.Stored.JoinedWords.Split(' '), StringComparer.Ordinal);
        // Single characters are real matches but read as noise to a person: explanations name words of two or more characters.
        var readable = ctx.Terms.Words.Select((term, i) => (term, idf: ctx.WordIdf[i])).Where(x => x.term.Length >= 2).ToArray();
        var matched = readable
            .Where(x => docWords.Contains(x.term))
            .OrderByDescending(x => x.idf)
            .Select(x => x.term)
            .ToArray();

        // Reasons a technology manager can act on, in the order that drove the rank: coverage with what is missing first (the
        // retrieval signal), meaning, then the structured agreements. The ranker's internals are not reasons:
        // they stay in Contributions (feature, value, contribution) for researchers.
        var reasons = new List<string>();
        var missing = readable.Where(x => !docWords.Contains(x.term)).OrderByDescending(x => x.idf).Select(x => x.term).Distinct(StringComparer.Ordinal).Take(3).ToArray();
        if (readable.Length > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"匹配 {matched.Length}/{readable.Length} 个关键词 (matched {matched.Length} of {readable.Length} terms){(matched.Length > 0 ? ": " + string.Join("、", matched.Take(8)) : string.Empty)}")
                + (matched.Length > 0 && missing.Length > 0 ? $"；未覆盖 (not covered): {string.Join("、", missing)}" : string.Empty));
        }

        // Meaning: said when the dense signal ranked the candidate better than BM25 did (or found it alone).
        if (candidate.Dense is { } similarity && candidate.DenseRank is { } denseRank && (candidate.LexicalRank is not { } lexicalRank || denseRank < lexicalRank))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"语义相近 (semantically similar, {similarity:0.00})"));
        }

        var query = ctx.QueryDocument;
        if (query is not null)
        {
            var shared = query.IndustryTags.Intersect(document.IndustryTags, StringComparer.Ordinal).ToArray();
            if (shared.Length > 0)
            {
                reasons.Add($"同属产业 (same industry): {string.Join(", ", shared)}");
            }

            if (query.Region is not null && query.Region == document.Region)
            {
                reasons.Add($"同一地区 (same region): {document.Region}");
            }

            if (query.Maturity is { } wanted && document.Maturity is { } have && query.Kind == DocumentKind.Need)
            {
                reasons.Add(have >= wanted
                    ? $"成熟度 {have} 满足要求 ≥ {wanted} (maturity meets the need)"
                    : $"成熟度 {have} 低于要求 {wanted} (maturity below the need)");
            }

            var budget = (query as TechNeed)?.Budget;
            var price = (document as TechAchievement)?.Price;
            if (budget is not null && price is not null)
            {
                reasons.Add(budget.Overlaps(price) ? "价格在预算范围内 (price fits the budget)" : "价格超出预算 (price outside the budget)");
            }

            if (query.CooperationModes != CooperationModes.None && document.CooperationModes != CooperationModes.None)
            {
                var common = query.CooperationModes & document.CooperationModes;
                reasons.Add(common != CooperationModes.None
                    ? $"合作方式一致 (cooperation modes agree): {ModeNames(common)}"
                    : $"合作方式不同 (cooperation modes differ): 需 {ModeNames(query.CooperationModes)}，提供 {ModeNames(document.CooperationModes)}");
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add($"按文本相关度排序 (ranked by {rankerName} text relevance)");
        }

        var contributions = score.Contributions;
        reasons = [.. reasons.Take(MaxReasons)];
        return new MatchExplanation(matched, SnippetBuilder.Build(normalizedText, matched), reasons, contributions) { SemanticSimilarity = candidate.Dense };
    }

    private static string ModeNames(CooperationModes modes) => string.Join("、", Modes.Where(m => (modes & m.Mode) != 0).Select(m => m.Name));
}
