using System.Diagnostics;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Evaluation;

/// <summary>One judged query's metrics.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Type">The query type (e.g. <c>problem</c>).</param>
/// <param name="Ndcg">nDCG@10.</param>
/// <param name="Mrr">MRR@10 on the top-grade document.</param>
/// <param name="Recall">Recall@100.</param>
public sealed record QueryScore(string QueryId, string Type, double Ndcg, double Mrr, double Recall);

/// <summary>The metrics of one pipeline over a split, per query, with latency percentiles.</summary>
/// <param name="Name">The pipeline name.</param>
/// <param name="Scores">Per judged query.</param>
/// <param name="P50Ms">Median latency per query, milliseconds.</param>
/// <param name="P95Ms">95th-percentile latency per query, milliseconds.</param>
public sealed record PipelineEvaluation(string Name, IReadOnlyList<QueryScore> Scores, double P50Ms, double P95Ms)
{
    /// <summary>
    /// Expected calibration error of the strengths of each query's top 10 against relevance (grade ≥ 2): 10 equal-width
    /// bins, weighted by their share of results; <see langword="null"/> when the pipeline gives no strengths.
    /// </summary>
    public double? CalibrationError { get; init; }

    /// <summary>The reliability bins behind <see cref="CalibrationError"/>: mean strength, observed relevance rate, count.</summary>
    public IReadOnlyList<(double MeanStrength, double Observed, int Count)> ReliabilityBins { get; init; } = [];

    /// <summary>Ranking depth: run files hold the top 100.</summary>
    public const int Depth = 100;

    /// <summary>Averages over queries of a type (<c>all</c> for every query).</summary>
    /// <param name="type">The query type or <c>all</c>.</param>
    /// <returns>The query count and mean metrics (zeros when no query has the type).</returns>
    public (int Queries, double Ndcg, double Mrr, double Recall) Aggregate(string type)
    {
        var s = type == "all" ? Scores : Scores.Where(x => x.Type == type).ToList();
        return s.Count == 0 ? (0, 0, 0, 0) : (s.Count, s.Average(x => x.Ndcg), s.Average(x => x.Mrr), s.Average(x => x.Recall));
    }

    /// <summary>Runs every query through a pipeline (after 20 untimed warm-up queries), scores the judged ones and optionally writes a TREC run.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="queries">The queries.</param>
    /// <param name="qrels">Grades by query, then document.</param>
    /// <param name="run">Receives the TREC run (top 100 per query); optional.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The evaluation.</returns>
    public static async Task<PipelineEvaluation> RunAsync(
        IEvaluationPipeline pipeline,
        IReadOnlyList<TrainingQuery> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        TextWriter? run = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(qrels);
        foreach (var q in queries.Take(20))
        {
            await pipeline.RankAsync(q, Depth, cancellationToken).ConfigureAwait(false);
        }

        var scores = new List<QueryScore>(queries.Count);
        var calibration = new List<(double Strength, bool Relevant)>();
        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            var ranking = await pipeline.RankAsync(query, Depth, cancellationToken).ConfigureAwait(false);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (run is not null)
            {
                TrecFormat.WriteRun(run, query.Id, ranking.Select(r => (r.Id, r.Score)), pipeline.Name);
            }

            if (qrels.TryGetValue(query.Id, out var grades))
            {
                var ids = ranking.Select(r => r.Id).ToArray();
                scores.Add(new QueryScore(query.Id, query.Type ?? "all", RankingMetrics.Ndcg(ids, grades), RankingMetrics.ReciprocalRank(ids, grades), RankingMetrics.Recall(ids, grades)));
                calibration.AddRange(ranking.Take(10).Where(r => r.Strength is not null).Select(r => (r.Strength!.Value, grades.GetValueOrDefault(r.Id) >= 2)));
            }
        }

        latencies.Sort();
        var bins = calibration.GroupBy(c => Math.Min(9, (int)(c.Strength * 10))).OrderBy(g => g.Key)
            .Select(g => (g.Average(c => c.Strength), g.Average(c => c.Relevant ? 1.0 : 0.0), g.Count())).ToArray();
        return new PipelineEvaluation(pipeline.Name, scores, Percentile(latencies, 0.50), Percentile(latencies, 0.95))
        {
            CalibrationError = calibration.Count == 0 ? null : bins.Sum(b => b.Item3 * Math.Abs(b.Item1 - b.Item2)) / calibration.Count,
            ReliabilityBins = bins,
        };
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
