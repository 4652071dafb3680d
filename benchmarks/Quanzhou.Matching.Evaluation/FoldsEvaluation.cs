using System.Globalization;
using System.Text.Json.Nodes;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// <c>--split train --folds K</c>: K-fold cross-validation on train, so settings are chosen without looking at dev.
/// Queries go to folds by a hash of their id; for each fold every setting (the hybrid weights, the learned models) is
/// chosen or trained on the other K−1 folds and scored on the held-out one; the table gives mean ± sd over the folds.
/// With <c>--select-on</c> or <c>--encoder-saw</c>, only the queries the vectors' model did not see (listed or estimated,
/// see <see cref="HybridSelection"/>) take part, as choosing and as held-out queries.
/// </summary>
internal static class FoldsEvaluation
{
    public static async Task<int> RunAsync(LuceneMatchIndex index, List<TrainingQuery> queries, IReadOnlyDictionary<string, Dictionary<string, int>> qrels, int k, PrecomputedVectors? vectors, EvaluationOptions options, TextWriter output)
    {
        var hybrid = vectors is not null;
        var judged = queries.Where(q => qrels.ContainsKey(q.Id)).ToList();
        if (vectors is not null && (options.SelectOnFile is not null || options.EncoderSaw is not null))
        {
            judged = HybridSelection.Choose([.. judged.Where(q => options.TrainTypes.Contains(q.Type))], qrels, vectors, options, output);
        }

        var judgments = judged.SelectMany(q => qrels[q.Id].Select(g => new Judgment(q.Id, g.Key, g.Value))).ToList();
        var captured = hybrid ? await HybridEvaluation.CaptureAsync(index, judged.Where(q => options.TrainTypes.Contains(q.Type)), options.CandidatePool) : null;
        var results = new Dictionary<string, List<(double Problem, double All)>>(StringComparer.Ordinal);
        var chosen = new List<string>();
        output.WriteLine($"{k}-fold cross-validation on {judged.Count} judged train queries (settings chosen on the other folds' {string.Join("+", options.TrainTypes)} queries)");
        for (var fold = 0; fold < k; fold++)
        {
            var test = judged.Where(q => FoldOf(q.Id, k) == fold).ToList();
            var rest = judged.Where(q => FoldOf(q.Id, k) != fold && options.TrainTypes.Contains(q.Type)).ToList();
            var pipelines = new List<IEvaluationPipeline> { new EnginePipeline("bm25-fused", new MatchEngine(index, Bm25MatchRanker.Instance), CandidateRetrieval.Fused, 100) };
            var trainer = new LambdaRankTrainer(Training.TrainerOptions(options, $"fold {fold + 1}/{k} of the train split"));
            var learned = (await trainer.TrainAsync(new MatchEngine(index, Bm25MatchRanker.Instance), rest, judgments)).ToRanker();
            pipelines.Add(new EnginePipeline("learned", new MatchEngine(index, learned), CandidateRetrieval.Fused, options.CandidatePool));
            if (captured is not null)
            {
                var interpolation = HybridEvaluation.Choose(HybridFusion.Interpolation, rest.Select(q => q.Id), captured, qrels);
                var rrf = HybridEvaluation.Choose(HybridFusion.ReciprocalRank, rest.Select(q => q.Id), captured, qrels);
                chosen.Add(string.Create(CultureInfo.InvariantCulture, $"fold {fold + 1}: hybrid w {interpolation.Weight:0.00}, hybrid-rrf w {rrf.Weight:0.00}"));
                pipelines.Add(HybridEvaluation.Dense(index, options.CandidatePool));
                pipelines.Add(HybridEvaluation.Hybrid(index, HybridFusion.Interpolation, interpolation.Weight, options.CandidatePool));
                pipelines.Add(HybridEvaluation.Hybrid(index, HybridFusion.ReciprocalRank, rrf.Weight, options.CandidatePool));
                var learnedHybrid = await Training.TrainHybridAsync(index, rest, judgments, options.WithoutOutput(), TextWriter.Null);
                pipelines.Add(HybridEvaluation.LearnedHybrid(index, learnedHybrid, options.CandidatePool));
            }

            foreach (var pipeline in pipelines)
            {
                var result = await PipelineEvaluation.RunAsync(pipeline, test, qrels);
                (results.TryGetValue(pipeline.Name, out var list) ? list : results[pipeline.Name] = []).Add((result.Aggregate("problem").Ndcg, result.Aggregate("all").Ndcg));
            }

            output.WriteLine($"fold {fold + 1}/{k}: {test.Count} held-out queries, {rest.Count} to choose on" + (captured is null ? string.Empty : "; " + chosen[^1]));
        }

        output.WriteLine();
        output.WriteLine($"{"pipeline",-15} {"problem nDCG@10",22} {"all nDCG@10",22}   (mean ± sd over {k} held-out folds)");
        var json = new JsonObject();
        foreach (var (name, list) in results)
        {
            var (pm, ps) = MeanSd(list.Select(x => x.Problem));
            var (am, asd) = MeanSd(list.Select(x => x.All));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-15} {pm,14:0.0000} ± {ps:0.0000} {am,14:0.0000} ± {asd:0.0000}"));
            json[name] = new JsonObject { ["problem_ndcg@10_mean"] = Math.Round(pm, 4), ["problem_ndcg@10_sd"] = Math.Round(ps, 4), ["all_ndcg@10_mean"] = Math.Round(am, 4), ["all_ndcg@10_sd"] = Math.Round(asd, 4) };
        }

        if (options.OutFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            var root = new JsonObject { ["split"] = "train", ["folds"] = k, ["pipelines"] = json, ["chosen"] = new JsonArray([.. chosen.Select(c => (JsonNode)c)]) };
            File.WriteAllText(Path.Combine(folder, "folds.json"), root.ToJsonString(EvaluationReport.JsonOptions));
            output.WriteLine($"folds.json written to {Path.GetFullPath(folder)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>A stable fold (FNV-1a of the id), the same on every machine and run.</summary>
    private static int FoldOf(string id, int k)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)k);
    }

    private static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return (mean, v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)));
    }
}
