using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Quanzhou.Matching.Retrieval;

namespace Quanzhou.Matching.Experts;

/// <summary>
/// The expert evidence step of <see cref="MatchEngine"/> (computed at retrieval, applied to the ranker's scores): scores each expert candidate by how well its own
/// achievements (<see cref="ExpertProfile.AchievementIds"/>) match the same query, and lifts its score accordingly.
/// </summary>
/// <remarks>
/// <para>Cost: one batched lookup for all expert candidates of a query (a filter-only search for the linked achievements
/// the caller may see and the query's text search restricted to them), not one per expert.</para>
/// <para>Rules: each linked, visible achievement gets a relative score r = its BM25 score ÷ the query's best BM25 score
/// (the top candidate or the best linked achievement, whichever is higher), so 0 ≤ r ≤ 1; achievements that do not match
/// count 0. The expert's evidence is e = <see cref="BestWeight"/> × max r + <see cref="MeanWeight"/> × mean r; the score becomes
/// ranker score + <see cref="MatchOptions.ExpertEvidenceWeight"/> × e × (max − min of the ranker's scores over the candidates).
/// Achievements with r ≥ <see cref="MinSupportingScore"/> are the supporting evidence named in the explanation.</para>
/// </remarks>
internal static class ExpertEvidence
{
    /// <summary>Weight of the best linked achievement in the evidence.</summary>
    public const double BestWeight = 0.6;

    /// <summary>Weight of the mean over all linked, visible achievements (breadth of relevant work).</summary>
    public const double MeanWeight = 0.4;

    /// <summary>Linked achievements scoring at least this (relative to the query's best) are named as supporting evidence.</summary>
    public const double MinSupportingScore = 0.3;

    /// <summary>Most linked achievement ids looked up per query (within Lucene's boolean clause limit).</summary>
    public const int MaxLinked = 1000;

    /// <summary>How many supporting achievements an explanation names.</summary>
    public const int MaxNamed = 3;

    /// <summary>Computes the evidence of every expert candidate; <see langword="null"/> when no candidate links any achievement.</summary>
    /// <remarks>Runs on the searcher that retrieved the candidates, reusing the query's term statistics.</remarks>
    public static ExpertEvidenceScore?[]? Compute(SearchScope scope, CandidateSet candidates, CandidateRetrieval mode)
    {
        var context = candidates.Query;
        var searcher = scope.Searcher;
        var links = candidates
            .Select(c => c.Stored.ExpertAchievementIds)
            .ToArray();
        // Candidates are in retrieval order, so the cap (Lucene's clause limit) drops the links of the weakest candidates.
        var linked = links.SelectMany(l => l).Distinct(StringComparer.Ordinal).Take(MaxLinked).ToArray();
        if (linked.Length == 0)
        {
            return null;
        }

        // The scope holds only what the tenant may see; a linked achievement outside it counts as if it did not exist.
        var filter = new QueryWrapperFilter(IndexQueries.AchievementsWithIds(linked));
        var visible = new Dictionary<string, string>(StringComparer.Ordinal); // id → title
        foreach (var hit in searcher.Search(new ConstantScoreQuery(filter), linked.Length).ScoreDocs)
        {
            if (scope.Load(hit.Doc, excludeId: null) is { } stored)
            {
                visible[stored.Id] = stored.Title;
            }
        }

        var scored = new Dictionary<string, float>(StringComparer.Ordinal);
        if (visible.Count > 0 && CandidateRetriever.BuildTextQuery(context.Terms, mode, context.Statistics) is { } textQuery)
        {
            foreach (var c in CandidateRetriever.Search(scope, (textQuery, filter), visible.Count, excludeId: null))
            {
                scored[c.Id] = c.Score;
            }
        }

        var best = Math.Max(candidates.MaxRetrievalScore, scored.Count > 0 ? scored.Values.Max() : 0);
        var result = new ExpertEvidenceScore?[links.Length];
        for (var i = 0; i < links.Length; i++)
        {
            var own = links[i].Where(visible.ContainsKey).Distinct(StringComparer.Ordinal).ToArray();
            if (own.Length == 0)
            {
                continue;
            }

            var relative = own.Select(id => (Id: id, Score: best > 0 ? scored.GetValueOrDefault(id) / best : 0)).ToArray();
            var max = relative.Max(r => r.Score);
            var mean = relative.Average(r => r.Score);
            var supporting = relative
                .Where(r => r.Score >= MinSupportingScore)
                .OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new MatchEvidence(r.Id, DocumentKind.Achievement, visible[r.Id], Math.Round(r.Score, 4)))
                .ToArray();
            result[i] = new ExpertEvidenceScore((BestWeight * max) + (MeanWeight * mean), max, mean, own.Length, supporting);
        }

        return result;
    }

    /// <summary>Lifts expert scores by their evidence: score + weight × evidence × the spread of the ranker's scores.</summary>
    public static RankerScore[] Apply(IReadOnlyList<RankerScore> scores, ExpertEvidenceScore?[] evidence, double weight)
    {
        var spread = scores.Count == 0 ? 0 : scores.Max(s => s.Score) - scores.Min(s => s.Score);
        if (!(spread > 1e-9))
        {
            spread = 1; // one candidate or all tied: evidence is measured in the ranker's unit
        }

        return scores.Select((s, i) => evidence[i] is { } e ? s with { Score = s.Score + (weight * e.Evidence * spread) } : s).ToArray();
    }

    /// <summary>Adds the supporting achievements to an expert's explanation.</summary>
    public static MatchExplanation Explain(MatchExplanation explanation, ExpertEvidenceScore evidence, bool queryIsNeed)
    {
        var target = queryIsNeed ? "与该需求匹配 (matches this need)" : "与查询匹配 (matches the query)";
        var reasons = new List<string>(explanation.Reasons);
        var insertAt = Math.Max(0, reasons.Count - 1); // before the ranker's own line, which stays last
        var added = new List<string>();
        foreach (var e in evidence.Supporting.Take(MaxNamed))
        {
            added.Add(string.Create(CultureInfo.InvariantCulture, $"成果 {e.Id}《{e.Title}》{target}, {e.Score:0.00}"));
        }

        added.Add(string.Create(CultureInfo.InvariantCulture,
            $"专家成果佐证 (evidence from own achievements): {evidence.Supporting.Count}/{evidence.Linked} 项相关, best {evidence.Best:0.00}, mean {evidence.Mean:0.00}"));
        reasons.InsertRange(insertAt, added);
        return explanation with { Reasons = reasons, Evidence = evidence.Supporting };
    }
}

/// <summary>One expert's evidence: the combined value (0–1), its parts, how many linked achievements are visible, and the supporting ones.</summary>
internal sealed record ExpertEvidenceScore(double Evidence, double Best, double Mean, int Linked, IReadOnlyList<MatchEvidence> Supporting);
