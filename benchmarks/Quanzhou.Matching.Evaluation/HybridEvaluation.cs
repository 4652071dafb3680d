using System.Globalization;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// The hybrid pipelines (<c>dense</c>, <c>hybrid</c>, <c>hybrid-rrf</c>, <c>learned-hybrid</c>) and the choice of their
/// dense weight on train queries: every candidate's BM25 and dense score are captured once per query through the
/// public ranker seam, and each weight of the grid re-ranks them with <see cref="HybridMatchRanker"/> itself.
/// </summary>
internal static class HybridEvaluation
{
    public static readonly double[] Grid = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>Dense candidates added to the BM25 pool (as many as BM25's default pool).</summary>
    public const int DensePool = 100;

    public static EnginePipeline Dense(LuceneMatchIndex index, int pool) =>
        new("dense", new MatchEngine(index, new HybridMatchRanker { DenseWeight = 1 }), CandidateRetrieval.Fused, pool) { DenseCandidatePool = DensePool };

    public static EnginePipeline Hybrid(LuceneMatchIndex index, HybridFusion fusion, double weight, int pool) =>
        new(fusion == HybridFusion.Interpolation ? "hybrid" : "hybrid-rrf", new MatchEngine(index, new HybridMatchRanker { Fusion = fusion, DenseWeight = weight }), CandidateRetrieval.Fused, pool) { DenseCandidatePool = DensePool };

    public static EnginePipeline LearnedHybrid(LuceneMatchIndex index, IMatchRanker learned, int pool) =>
        new("learned-hybrid", new MatchEngine(index, learned) { CustomFeatures = [DenseSimilarityFeature.Instance] }, CandidateRetrieval.Fused, pool) { DenseCandidatePool = DensePool };

    /// <summary>The candidates of every query with both scores, as the hybrid pipelines see them.</summary>
    public static async Task<Dictionary<string, RankingCandidate[]>> CaptureAsync(LuceneMatchIndex index, IEnumerable<TrainingQuery> queries, int pool)
    {
        var capture = new CapturingRanker();
        var engine = new MatchEngine(index, capture);
        var options = new MatchOptions { Top = 1, CandidatePoolSize = pool, DenseCandidatePoolSize = DensePool, IncludeExplanations = false, Kinds = [DocumentKind.Achievement] };
        var captured = new Dictionary<string, RankingCandidate[]>(StringComparer.Ordinal);
        foreach (var q in queries)
        {
            capture.Last = null;
            await engine.MatchAsync(MatchRequest.ForText(q.Text), options);
            captured[q.Id] = capture.Last ?? [];
        }

        return captured;
    }

    /// <summary>
    /// The dense weight for <paramref name="queries"/> by the one-standard-error rule: the smallest weight of the grid
    /// whose mean nDCG@10 is within one paired standard error (over the queries) of the best weight's. A weight the
    /// judged queries cannot tell from a smaller one is not taken, so the dense signal enters the ranking only where
    /// the data shows that it helps; with no measurable gain the choice is 0, BM25's order.
    /// </summary>
    public static WeightChoice Choose(HybridFusion fusion, IEnumerable<string> queries, Dictionary<string, RankingCandidate[]> captured, IReadOnlyDictionary<string, Dictionary<string, int>> qrels)
    {
        var ids = queries.Where(q => qrels.ContainsKey(q) && captured.ContainsKey(q)).ToArray();
        if (ids.Length == 0)
        {
            return new WeightChoice(0, 0, 0, 0, 0, 0);
        }

        var perQuery = Grid.Select(w =>
        {
            var ranker = new HybridMatchRanker { Fusion = fusion, DenseWeight = w };
            return ids.Select(q => Ndcg(ranker, captured[q], qrels[q])).ToArray();
        }).ToArray();
        var means = perQuery.Select(v => v.Average()).ToArray();
        var best = 0;
        for (var i = 1; i < Grid.Length; i++)
        {
            best = means[i] > means[best] + 1e-12 ? i : best;
        }

        for (var i = 0; i <= best; i++)
        {
            var diff = perQuery[best].Zip(perQuery[i], (b, x) => b - x).ToArray();
            var mean = diff.Average();
            var se = diff.Length < 2 ? 0 : Math.Sqrt(diff.Sum(d => (d - mean) * (d - mean)) / (diff.Length - 1) / diff.Length);
            if (mean <= se + 1e-12)
            {
                return new WeightChoice(Grid[i], means[i], Grid[best], means[best], se, means[0]);
            }
        }

        return new WeightChoice(Grid[best], means[best], Grid[best], means[best], 0, means[0]);
    }

    public static string Describe(HybridFusion fusion, WeightChoice chosen, string on) =>
        string.Create(CultureInfo.InvariantCulture, $"{(fusion == HybridFusion.Interpolation ? "hybrid" : "hybrid-rrf")}: dense weight {chosen.Weight:0.00} chosen on {on}, nDCG@10 there {chosen.Ndcg:0.0000} (one-standard-error rule: best weight {chosen.BestWeight:0.00} at {chosen.BestNdcg:0.0000}, paired standard error {chosen.StandardError:0.0000}; weight 0, BM25's order: {chosen.Bm25Ndcg:0.0000})");

    /// <summary>A chosen dense weight and what it was chosen against.</summary>
    /// <param name="Weight">The chosen weight (the smallest within one standard error of the best).</param>
    /// <param name="Ndcg">Its mean nDCG@10 on the choosing queries.</param>
    /// <param name="BestWeight">The weight with the best mean.</param>
    /// <param name="BestNdcg">That best mean.</param>
    /// <param name="StandardError">The paired standard error of the best weight's gain over the chosen one.</param>
    /// <param name="Bm25Ndcg">The mean at weight 0 (BM25's order).</param>
    public sealed record WeightChoice(double Weight, double Ndcg, double BestWeight, double BestNdcg, double StandardError, double Bm25Ndcg);

    private static double Ndcg(HybridMatchRanker ranker, RankingCandidate[] candidates, Dictionary<string, int> grades)
    {
        if (candidates.Length == 0)
        {
            return 0;
        }

        var scores = ranker.ScoreAsync(new RankingInput([], candidates, 0)).AsTask().GetAwaiter().GetResult();
        var order = Enumerable.Range(0, candidates.Length).OrderByDescending(i => scores[i].Score).ThenBy(i => i).Take(10).Select(i => candidates[i].Id).ToArray();
        return RankingMetrics.Ndcg(order, grades);
    }

    /// <summary>Keeps the last query's candidates and answers in BM25 order (one query at a time).</summary>
    private sealed class CapturingRanker : IMatchRanker
    {
        public RankingCandidate[]? Last { get; set; }

        public string Name => "capture";

        public bool UsesFeatures => false;

        public ValueTask<IReadOnlyList<RankerScore>> ScoreAsync(RankingInput input, CancellationToken cancellationToken = default)
        {
            Last = [.. input.Candidates];
            return ValueTask.FromResult<IReadOnlyList<RankerScore>>([.. input.Candidates.Select(c => new RankerScore(c.RetrievalScore, []))]);
        }
    }
}
