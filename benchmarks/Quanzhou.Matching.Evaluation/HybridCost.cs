using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// <c>--task hybrid-cost --vectors DIR</c>: what hybrid matching costs with embedding excluded (the vectors are
/// precomputed), measured side by side in one run on the dataset's corpus — on-disk index build time and size without and
/// with vectors, and per-query latency of BM25 order on the lexical index against <c>hybrid</c> (BM25 + dense candidates,
/// fused) on the hybrid one. Embedding itself is the model's cost: see the ONNX benchmark.
/// </summary>
internal static class HybridCost
{
    public static async Task<JsonObject> RunAsync(IReadOnlyList<MatchDocument> corpus, List<Ranking.TrainingQuery> queries, IReadOnlyDictionary<string, Dictionary<string, int>> qrels, PrecomputedVectors vectors, TextWriter output)
    {
        var root = Directory.CreateTempSubdirectory("qzm-hybrid-cost-").FullName;
        try
        {
            // Warm-up (JIT, SmartCn dictionaries) so neither measured build pays it.
            using (var warm = LuceneMatchIndex.CreateInMemory(new LuceneMatchIndexOptions { Embeddings = vectors.Options() }))
            {
                await warm.UpsertManyAsync(corpus.Take(3000));
            }

            var (lexicalSeconds, lexicalBytes, lexicalRun) = await MeasureAsync(Path.Combine(root, "lexical"), null, corpus, queries, qrels, index => new EnginePipeline("bm25-fused", new MatchEngine(index, Bm25MatchRanker.Instance), CandidateRetrieval.Fused, 100));
            var (hybridSeconds, hybridBytes, hybridRun) = await MeasureAsync(Path.Combine(root, "hybrid"), vectors, corpus, queries, qrels, index => HybridEvaluation.Hybrid(index, HybridFusion.Interpolation, 0.3, 100));
            var perDocBuild = (hybridSeconds - lexicalSeconds) / corpus.Count * 1e6;
            var perDocBytes = (double)(hybridBytes - lexicalBytes) / corpus.Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus {corpus.Count} documents, {vectors.Dimensions}-dimensional vectors (int8 + scale: {4 + vectors.Dimensions} bytes each)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build   lexical {lexicalSeconds,7:0.00} s   hybrid {hybridSeconds,7:0.00} s   (+{perDocBuild:0} µs per document, embedding excluded)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size    lexical {lexicalBytes / 1048576.0,7:0.0} MiB hybrid {hybridBytes / 1048576.0,7:0.0} MiB (+{perDocBytes:0} bytes per document = {perDocBytes * 1e6 / 1048576.0:0} MiB per million documents)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query   bm25-fused p50 {lexicalRun.P50Ms:0.00} p95 {lexicalRun.P95Ms:0.00} ms   hybrid p50 {hybridRun.P50Ms:0.00} p95 {hybridRun.P95Ms:0.00} ms   ({queries.Count} queries, top 100, explanations off, embedding excluded)"));
            return new JsonObject
            {
                ["documents"] = corpus.Count,
                ["dimensions"] = vectors.Dimensions,
                ["build_seconds"] = new JsonObject { ["lexical"] = Math.Round(lexicalSeconds, 2), ["hybrid"] = Math.Round(hybridSeconds, 2) },
                ["index_bytes"] = new JsonObject { ["lexical"] = lexicalBytes, ["hybrid"] = hybridBytes },
                ["extra_bytes_per_document"] = Math.Round(perDocBytes, 1),
                ["query_ms"] = new JsonObject
                {
                    ["bm25-fused"] = new JsonObject { ["p50"] = Math.Round(lexicalRun.P50Ms, 2), ["p95"] = Math.Round(lexicalRun.P95Ms, 2) },
                    ["hybrid"] = new JsonObject { ["p50"] = Math.Round(hybridRun.P50Ms, 2), ["p95"] = Math.Round(hybridRun.P95Ms, 2) },
                },
            };
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(double Seconds, long Bytes, PipelineEvaluation Run)> MeasureAsync(string folder, PrecomputedVectors? vectors, IReadOnlyList<MatchDocument> corpus, List<Ranking.TrainingQuery> queries, IReadOnlyDictionary<string, Dictionary<string, int>> qrels, Func<LuceneMatchIndex, IEvaluationPipeline> pipeline)
    {
        using var index = LuceneMatchIndex.Open(folder, new LuceneMatchIndexOptions { Embeddings = vectors?.Options() });
        var clock = Stopwatch.StartNew();
        await index.RebuildAsync(corpus);
        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        var run = await PipelineEvaluation.RunAsync(pipeline(index), queries, qrels);
        return (seconds, bytes, run);
    }
}
