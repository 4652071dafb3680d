using System.Diagnostics;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

internal static class Training
{
    /// <summary>The train split's queries and judgments, read before indexing so bad records are reported with the others.</summary>
    public sealed record TrainSplit(List<TrainingQuery> Queries, List<Judgment> Judgments);

    public static TrainSplit ReadTrainSplit(EvaluationDataset dataset, SkippedRecords skipped) => new(
        skipped.Read("queries.train.tsv", invalid => dataset.ReadQueries("train", invalid)),
        skipped.Read("qrels.train.txt", invalid => dataset.ReadJudgments("train", invalid)));

    /// <summary>The trainer settings of this run (the tool's defaults, or the command line's).</summary>
    public static LambdaRankTrainerOptions TrainerOptions(EvaluationOptions options, string description) => new()
    {
        CandidatePoolSize = options.TrainCandidatePool,
        NumberOfTrees = options.Trees ?? 150,
        NumberOfLeaves = options.Leaves ?? 8,
        MinimumExampleCountPerLeaf = options.MinLeaf ?? 200,
        LearningRate = options.LearningRate ?? 0.1,
        FeatureFraction = options.FeatureFraction ?? 1,
        BaggingFraction = options.BaggingFraction ?? 1,
        TrainingDataDescription = description,
    };

    /// <summary>Grades by query, then document.</summary>
    public static Dictionary<string, Dictionary<string, int>> Grades(IEnumerable<Judgment> judgments) => judgments
        .GroupBy(j => j.QueryId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.GroupBy(j => j.DocumentId, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Last().Grade, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Trains on the train split only, measures the model on the evaluated split, and saves model + manifest.</summary>
    public static async Task<LearnedMatchRanker> TrainAndSaveAsync(
        TrainSplit train,
        LuceneMatchIndex index,
        IReadOnlyList<MatchDocument> corpus,
        EvaluationOptions options,
        string folder,
        Taxonomy.TaxonomyTagger? queryTagger,
        IReadOnlyList<TrainingQuery> splitQueries,
        IReadOnlyDictionary<string, Dictionary<string, int>> splitQrels,
        TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var trainer = new LambdaRankTrainer(TrainerOptions(options, $"{Path.GetFileName(Path.GetFullPath(options.DataFolder).TrimEnd('/'))}: train split (queries.train.tsv + qrels.train.txt), query types {string.Join("+", options.TrainTypes)}; corpus.jsonl as achievements; never dev" + (queryTagger is null ? string.Empty : "; documents and queries auto-tagged with the default taxonomy (keyword rules)")
                + (options.PseudoNeeds > 0 ? $"; plus up to {options.PseudoNeeds} needs mined from the corpus (--pseudo-needs)" : string.Empty)));
        var trainQueries = train.Queries.Where(q => options.TrainTypes.Contains(q.Type)).ToList();
        var judgments = train.Judgments.ToList();
        using var pseudoIndex = options.PseudoNeeds > 0 ? LuceneMatchIndex.CreateInMemory() : null;
        if (pseudoIndex is not null)
        {
            // Achievements judged in train are left as they are; any other one may give one need clause.
            var judged = judgments.Select(j => j.DocumentId).ToHashSet(StringComparer.Ordinal);
            var mined = PseudoNeeds.Mine(corpus, judged, options.PseudoNeeds);
            var cut = mined.ToDictionary(m => m.DocumentId, m => m.Cut, StringComparer.Ordinal);
            pseudoIndex.UpsertManyAsync([.. corpus.Select(d => cut.GetValueOrDefault(d.Id) ?? d)]).GetAwaiter().GetResult();
            trainQueries.AddRange(mined.Select(m => m.Query));
            judgments.AddRange(mined.Select(m => new Judgment(m.Query.Id, m.DocumentId, 3)));
            output.WriteLine($"pseudo needs: {mined.Count} mined from the corpus and added to {trainQueries.Count - mined.Count} train queries");
        }

        var engine = new MatchEngine(pseudoIndex ?? index, Bm25MatchRanker.Instance) { QueryTagger = queryTagger, CustomFeatures = options.Features };
        var model = await trainer.TrainAsync(engine, trainQueries, judgments);
        output.WriteLine($"trained in {clock.Elapsed.TotalSeconds:0.0} s, model {model.Model.Length / 1024.0:0.0} KiB");
        output.WriteLine("feature importance: " + string.Join(", ", model.Manifest.FeatureImportance.Take(10).Select(kv => $"{kv.Key} {kv.Value:0.000}")));

        // Record the model's own metrics on the evaluated split in its manifest.
        var ranker = model.ToRanker();
        var result = PipelineEvaluation.RunAsync(new EnginePipeline("learned", new MatchEngine(index, ranker) { QueryTagger = queryTagger, CustomFeatures = options.Features }, CandidateRetrieval.Fused, options.CandidatePool), splitQueries, splitQrels).GetAwaiter().GetResult();
        var metrics = new Dictionary<string, double>();
        foreach (var type in new[] { "all", "problem", "title", "keywords" })
        {
            var (n, ndcg, mrr, recall) = result.Aggregate(type);
            if (n > 0)
            {
                metrics[$"{options.Split}.{type}.ndcg@10"] = Math.Round(ndcg, 4);
                metrics[$"{options.Split}.{type}.mrr@10"] = Math.Round(mrr, 4);
                metrics[$"{options.Split}.{type}.recall@100"] = Math.Round(recall, 4);
            }
        }

        metrics["training_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        var final = model with { Manifest = model.Manifest with { Metrics = metrics } };
        final.Save(folder);
        output.WriteLine($"model and manifest written to {Path.GetFullPath(folder)}");
        return final.ToRanker();
    }

    /// <summary>
    /// Trains the <c>learned-hybrid</c> model: the built-in features plus <see cref="DenseSimilarityFeature"/>, on the
    /// given train queries over the hybrid index (BM25 + dense candidates, as served). Saved under
    /// <c>--out</c>/learned-hybrid-model when an output folder is given.
    /// </summary>
    public static async Task<LearnedMatchRanker> TrainHybridAsync(LuceneMatchIndex index, IReadOnlyList<TrainingQuery> queries, IEnumerable<Judgment> judgments, EvaluationOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var trainer = new LambdaRankTrainer(TrainerOptions(options, $"{Path.GetFileName(Path.GetFullPath(options.DataFolder).TrimEnd('/'))}: train split, {queries.Count} queries; dense_similarity from the vectors in {options.VectorsFolder}; never dev"));
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance) { CustomFeatures = [DenseSimilarityFeature.Instance] };
        var model = await trainer.TrainAsync(engine, queries, judgments);
        output.WriteLine($"learned-hybrid: trained in {clock.Elapsed.TotalSeconds:0.0} s; feature importance: " + string.Join(", ", model.Manifest.FeatureImportance.Take(6).Select(kv => $"{kv.Key} {kv.Value:0.000}")));
        if (options.OutFolder is { } folder)
        {
            model.Save(Path.Combine(folder, "learned-hybrid-model"));
        }

        return model.ToRanker();
    }
}
