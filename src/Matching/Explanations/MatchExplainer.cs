using System.Globalization;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Explanations;

/// <summary>Builds the explanation a technology manager reads: matched terms, a highlighted snippet and reasons in words.</summary>
internal static class MatchExplainer
{
    public static MatchExplanation Explain(
        FeatureContext ctx,
        Candidate candidate,
        MatchDocument document,
        string normalizedText,
        RankerScore score,
        string rankerName)
    {
        var docWords = new HashSet<string>((candidate.Stored.Get(IndexFields.StoredWords) ?? string.Empty).Split(' '), StringComparer.Ordinal);
        // Single characters are real matches but read as noise to a person: explanations name words of two or more characters.
        var readable = ctx.Terms.Words.Select((term, i) => (term, idf: ctx.WordIdf[i])).Where(x => x.term.Length >= 2).ToArray();
        var matched = readable
            .Where(x => docWords.Contains(x.term))
            .OrderByDescending(x => x.idf)
            .Select(x => x.term)
            .ToArray();

        var reasons = new List<string>();
        if (readable.Length > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"匹配 {matched.Length}/{readable.Length} 个关键词 (matched {matched.Length} of {readable.Length} terms){(matched.Length > 0 ? ": " + string.Join("、", matched.Take(8)) : string.Empty)}"));
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
        }

        // Meaning: said when the dense signal ranked the candidate better than BM25 did (or found it alone).
        if (candidate.Dense is { } similarity && candidate.DenseRank is { } denseRank && (candidate.LexicalRank is not { } lexicalRank || denseRank < lexicalRank))
        {
            reasons.Insert(Math.Min(1, reasons.Count), string.Create(CultureInfo.InvariantCulture, $"语义相近 (semantically similar, {similarity:0.00})"));
        }

        var contributions = score.Contributions;
        if (contributions.Count > 0)
        {
            var top = contributions.Where(c => c.Contribution > 0).Take(3).Select(c => c.Description).ToArray();
            reasons.Add(top.Length > 0
                ? $"排序模型 ({rankerName}) 主要依据 (ranked up by): {string.Join("; ", top)}"
                : $"排序模型 ({rankerName}) 综合评分 (ranked by the model's combined score)");
        }
        else
        {
            reasons.Add($"按文本相关度排序 (ranked by {rankerName} text relevance)");
        }

        return new MatchExplanation(matched, SnippetBuilder.Build(normalizedText, matched), reasons, contributions) { SemanticSimilarity = candidate.Dense };
    }
}
