using System.Diagnostics;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Datasets;

/// <summary>One pipeline's scores per query type (nDCG@10, MRR@10, Recall@100) and latency.</summary>
internal sealed record PipelineScores(string Name, IReadOnlyList<(string Type, double Ndcg, double Mrr, double Recall)> Queries, double P50Ms, double P95Ms);

/// <summary>
/// The evaluation tool's pipelines and metrics (benchmarks/Quanzhou.Matching.Evaluation: Runner, Pipelines, EvaluationReport):
/// bm25-words, bm25-bigrams, bm25-fused (BM25 order) and learned (fused candidates reranked), top 100 per query.
/// </summary>
internal static class Evaluator
{
    public const int Depth = 100;
    private static readonly string[] Types = ["all", "problem", "title", "keywords"];

    public static IEnumerable<(string Name, MatchEngine Engine, CandidateRetrieval Retrieval, int Pool)> Pipelines(LuceneMatchIndex index, IMatchRanker? learned, int candidatePool)
    {
        var bm25 = new MatchEngine(index, Bm25MatchRanker.Instance);
        yield return ("bm25-words", bm25, CandidateRetrieval.Words, Depth);
        yield return ("bm25-bigrams", bm25, CandidateRetrieval.Bigrams, Depth);
        yield return ("bm25-fused", bm25, CandidateRetrieval.Fused, Depth);
        if (learned is not null)
        {
            yield return ("learned", new MatchEngine(index, learned), CandidateRetrieval.Fused, candidatePool);
        }
    }

    public static async Task<PipelineScores> RunAsync(string name, MatchEngine engine, CandidateRetrieval retrieval, int pool, IReadOnlyList<TrainingQuery> queries,
        Dictionary<string, Dictionary<string, int>> qrels, string? outFolder, CancellationToken cancellationToken)
    {
        var options = new MatchOptions
        {
            Top = Depth, CandidatePoolSize = Math.Max(Depth, pool), Retrieval = retrieval, IncludeExplanations = false, Kinds = [DocumentKind.Achievement],
        };
        foreach (var query in queries.Take(20))
        {
            await engine.MatchAsync(MatchRequest.ForText(query.Text), options, cancellationToken); // warm-up, untimed (as the evaluation tool)
        }

        var scores = new List<(string, double, double, double)>(queries.Count);
        var latencies = new List<double>(queries.Count);
        using var run = outFolder is null ? null : new StreamWriter(Path.Combine(outFolder, name + ".run"));
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            var results = await engine.MatchAsync(MatchRequest.ForText(query.Text), options, cancellationToken);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (run is not null)
            {
                TrecFormat.WriteRun(run, query.Id, results.Items.Select(r => (r.Id, r.Score)), name);
            }

            if (qrels.TryGetValue(query.Id, out var grades))
            {
                var ids = results.Items.Select(r => r.Id).ToArray();
                scores.Add((query.Type ?? "all", RankingMetrics.Ndcg(ids, grades), RankingMetrics.ReciprocalRank(ids, grades), RankingMetrics.Recall(ids, grades)));
            }
        }

        latencies.Sort();
        return new PipelineScores(name, scores, Percentile(latencies, 0.50), Percentile(latencies, 0.95));
    }

    public static (int Count, double Ndcg, double Mrr, double Recall) Aggregate(PipelineScores scores, string type)
    {
        var selected = type == "all" ? scores.Queries : scores.Queries.Where(q => q.Type == type).ToList();
        return selected.Count == 0 ? (0, 0, 0, 0) : (selected.Count, selected.Average(q => q.Ndcg), selected.Average(q => q.Mrr), selected.Average(q => q.Recall));
    }

    public static Table ToTable(IEnumerable<PipelineScores> results)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "pipeline", "type", "queries", "nDCG@10", "MRR@10", "Recall@100", "p50 ms", "p95 ms" })
        {
            table.AddColumn(column == "pipeline" || column == "type" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var r in results)
        {
            foreach (var type in Types)
            {
                var (n, ndcg, mrr, recall) = Aggregate(r, type);
                if (n > 0)
                {
                    var all = type == "all";
                    table.AddRow(r.Name, type, n.ToString(), ndcg.ToString("0.0000"), mrr.ToString("0.0000"), recall.ToString("0.0000"),
                        all ? r.P50Ms.ToString("0.00") : string.Empty, all ? r.P95Ms.ToString("0.00") : string.Empty);
                }
            }
        }

        return table;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
