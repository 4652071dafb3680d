using System.Diagnostics;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

internal sealed record QueryScore(string Type, double Ndcg, double Mrr, double Recall);

internal sealed record PipelineResult(string Name, List<QueryScore> Scores, double P50Ms, double P95Ms);

internal static class Runner
{
    public const int Depth = 100;

    public static async Task<PipelineResult> RunAsync(IEvaluationPipeline pipeline, List<TrainingQuery> queries, Dictionary<string, Dictionary<string, int>> qrels, string? outFolder)
    {
        foreach (var q in queries.Take(20))
        {
            await pipeline.RankAsync(q, Depth); // warm-up, untimed
        }

        var scores = new List<QueryScore>(queries.Count);
        var latencies = new List<double>(queries.Count);
        TextWriter? run = null;
        if (outFolder is not null)
        {
            Directory.CreateDirectory(outFolder);
            run = new StreamWriter(Path.Combine(outFolder, pipeline.Name + ".run"));
        }

        try
        {
            foreach (var query in queries)
            {
                var clock = Stopwatch.StartNew();
                var ranking = await pipeline.RankAsync(query, Depth);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                if (run is not null)
                {
                    TrecFormat.WriteRun(run, query.Id, ranking, pipeline.Name);
                }

                if (!qrels.TryGetValue(query.Id, out var grades))
                {
                    continue; // unjudged queries are not scored
                }

                var ids = ranking.Select(r => r.DocumentId).ToArray();
                scores.Add(new QueryScore(query.Type ?? "all", RankingMetrics.Ndcg(ids, grades), RankingMetrics.ReciprocalRank(ids, grades), RankingMetrics.Recall(ids, grades)));
            }
        }
        finally
        {
            run?.Dispose();
        }

        latencies.Sort();
        return new PipelineResult(pipeline.Name, scores, Percentile(latencies, 0.50), Percentile(latencies, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
