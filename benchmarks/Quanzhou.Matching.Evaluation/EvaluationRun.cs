using System.Diagnostics;
using System.Text.Json.Nodes;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// The tool's whole run, callable in-process (the regression tests do): parse the arguments, read the dataset (bad
/// records reported and skipped, or with <c>--strict</c> a stop), index, evaluate, write the summary. Every failure
/// the tool can foresee ends as a one-line message and an <see cref="ExitCodes"/> value, never a stack trace.
/// </summary>
internal static class EvaluationRun
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = EvaluationOptions.Parse(args, output, error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            return await RunAsync(options, output, error);
        }
        catch (FormatException ex)
        {
            error.WriteLine($"error: {ex.Message}{(options.Strict ? " (--strict: stopped at the first bad record)" : string.Empty)}");
            return ExitCodes.BadRecord;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidModelException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputUnavailable;
        }
        catch (Exception ex) when (ex is MatchingException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.Message})" : string.Empty)}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> RunAsync(EvaluationOptions options, TextWriter output, TextWriter error)
    {
        var dataset = EvaluationDataset.Open(options.DataFolder);
        var skipped = new SkippedRecords(options.Strict);
        if (options.Task == "tagging")
        {
            var tagging = TaggingTask.Run(dataset, skipped, output);
            skipped.PrintListing(error);
            if (options.OutFolder is { } taggingOut)
            {
                Directory.CreateDirectory(taggingOut);
                var summary = new JsonObject { ["task"] = "tagging", ["tagging"] = tagging, ["skipped_records"] = skipped.ToJson() };
                File.WriteAllText(Path.Combine(taggingOut, "summary.json"), summary.ToJsonString(EvaluationReport.JsonOptions));
            }

            return ExitCodes.Success;
        }

        output.WriteLine($"dataset: {dataset.Folder}  split: {options.Split}");
        var corpus = skipped.Read("corpus.jsonl", dataset.ReadCorpus);
        var queries = skipped.Read($"queries.{options.Split}.tsv", invalid => dataset.ReadQueries(options.Split, invalid));
        var qrels = skipped.Read($"qrels.{options.Split}.txt", invalid => dataset.ReadQrels(options.Split, invalid));
        var train = options.TrainModelFolder is null && options.VectorsFolder is null ? null : Training.ReadTrainSplit(dataset, skipped);
        skipped.PrintListing(error);
        if (corpus.Count == 0 || !queries.Any(q => qrels.ContainsKey(q.Id)))
        {
            error.WriteLine($"error: nothing to evaluate in {dataset.Folder}: {corpus.Count} valid documents, {queries.Count(q => qrels.ContainsKey(q.Id))} valid judged queries of split '{options.Split}'.");
            return ExitCodes.BadRecord;
        }

        // 1. Index the corpus through the public API (with the precomputed vectors as the embedding model, when given).
        var vectors = options.VectorsFolder is { } vectorsFolder ? LoadVectors(vectorsFolder, options.Split, queries, train!, output) : null;
        if (options.Task == "hybrid-cost")
        {
            var cost = await HybridCost.RunAsync(corpus, queries, qrels, vectors!, output);
            if (options.OutFolder is { } costOut)
            {
                Directory.CreateDirectory(costOut);
                File.WriteAllText(Path.Combine(costOut, "hybrid-cost.json"), cost.ToJsonString(EvaluationReport.JsonOptions));
            }

            return ExitCodes.Success;
        }

        var clock = Stopwatch.StartNew();
        using var index = LuceneMatchIndex.CreateInMemory(vectors is null ? null : new LuceneMatchIndexOptions { Embeddings = vectors.Options() });
        var queryTagger = options.AutoTag ? new Taxonomy.TaxonomyTagger() : null;
        if (queryTagger is not null)
        {
            corpus = [.. corpus.Select(d => AutoTagging.WithTags(d, queryTagger))];
            output.WriteLine($"auto-tagged: {corpus.Count(d => d.IndustryTags.Count > 0)} of {corpus.Count} documents have industry tags");
        }

        var indexed = await index.UpsertManyAsync(corpus);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"indexed {indexed.Accepted} documents ({indexed.Rejected} rejected) in {buildSeconds:0.0} s");

        if (options.FitCalibration)
        {
            await Calibration.RunAsync(index, queries, qrels, options, output);
            return ExitCodes.Success;
        }

        if (options.Folds is { } folds)
        {
            return await FoldsEvaluation.RunAsync(index, queries, qrels, folds, vectors, options, output);
        }

        // 2. The learned ranker: freshly trained, loaded from a folder, or the shipped default.
        LearnedMatchRanker? learned = null;
        if (options.TrainModelFolder is { } trainFolder)
        {
            learned = await Training.TrainAndSaveAsync(train!, index, corpus, options, trainFolder, queryTagger, queries, qrels, output);
        }
        else if (options.ModelFolder is { } modelFolder)
        {
            learned = LearnedMatchRanker.Load(Path.Combine(modelFolder, TrainedRankingModel.ModelFileName), Path.Combine(modelFolder, TrainedRankingModel.ManifestFileName));
        }
        else if (LearnedMatchRanker.HasDefaultModel)
        {
            learned = LearnedMatchRanker.Default;
        }

        // 3. Run every pipeline.
        var report = new EvaluationReport(options.Split, buildSeconds, skipped);
        if (options.OutFolder is { } runFolder)
        {
            Directory.CreateDirectory(runFolder);
        }

        foreach (var pipeline in EnginePipeline.Standard(index, learned, options.CandidatePool, queryTagger, options.Features))
        {
            using var run = options.OutFolder is { } folder ? new StreamWriter(Path.Combine(folder, pipeline.Name + ".run")) : null;
            report.Add(await PipelineEvaluation.RunAsync(pipeline, queries, qrels, run));
        }

        if (vectors is not null)
        {
            foreach (var pipeline in await HybridPipelinesAsync(index, train!, vectors, options, output))
            {
                using var run = options.OutFolder is { } folder ? new StreamWriter(Path.Combine(folder, pipeline.Name + ".run")) : null;
                report.Add(await PipelineEvaluation.RunAsync(pipeline, queries, qrels, run));
            }
        }

        report.Print(output);
        report.PrintCalibration(output);
        var diagramWritten = true;
        if (options.OutFolder is { } outFolder)
        {
            report.WriteJson(Path.Combine(outFolder, "summary.json"));
            output.WriteLine($"runs and summary.json written to {Path.GetFullPath(outFolder)}");
            diagramWritten = WriteReliabilityDiagram(Path.Combine(outFolder, ReliabilityDiagram.FileName), options.Split, report, output, error);
        }

        if (options.Gate && !report.CheckGate(output, options.ExpectDense, options.GateHybrid))
        {
            return ExitCodes.GateFailed;
        }

        return diagramWritten ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Writes <c>reliability.png</c> when a pipeline gives strengths. A failure (an unwritable path, SkiaSharp's native
    /// library missing) is one <c>error:</c> line; the run goes on (summary and gate), then exits with
    /// <see cref="ExitCodes.Failure"/>. No font on the machine is a <c>warning:</c> line (the diagram is drawn without text).
    /// </summary>
    /// <returns><see langword="false"/> when the diagram was due and could not be written.</returns>
    private static bool WriteReliabilityDiagram(string path, string split, EvaluationReport report, TextWriter output, TextWriter error)
    {
        var drawn = ReliabilityDiagram.Drawn(report.Results);
        if (drawn.Count == 0)
        {
            output.WriteLine($"{ReliabilityDiagram.FileName} not written: no pipeline gives strengths");
            return true;
        }

        try
        {
            ReliabilityDiagram.Write(path, split, drawn);
        }
#pragma warning disable CA1031 // Any failure of the plotting library (native load, I/O) becomes one line, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var cause = ex is TypeInitializationException or DllNotFoundException
                ? $" (SkiaSharp's native library could not be loaded: {(ex.InnerException ?? ex).Message})"
                : $" ({ex.Message})";
            error.WriteLine($"error: {ReliabilityDiagram.FileName} not written to {Path.GetFullPath(path)}{cause}");
            return false;
        }

        output.WriteLine($"reliability diagram ({string.Join(", ", drawn.Select(r => r.Name))}) written to {Path.GetFullPath(path)}");
        if (!ReliabilityDiagram.HasFont)
        {
            error.WriteLine($"warning: no font under /usr/share/fonts: {ReliabilityDiagram.FileName} has no title, labels or legend (install one, e.g. the Debian package fonts-dejavu-core)");
        }

        return true;
    }

    private static PrecomputedVectors LoadVectors(string folder, string split, List<TrainingQuery> queries, Training.TrainSplit train, TextWriter output)
    {
        var splits = new Dictionary<string, IReadOnlyList<TrainingQuery>> { [split] = queries };
        splits.TryAdd("train", train.Queries);
        var vectors = PrecomputedVectors.Load(folder, splits);
        output.WriteLine($"vectors: {vectors.Dimensions} dimensions from {Path.GetFullPath(folder)} (splits {string.Join(", ", splits.Keys)})");
        return vectors;
    }

    /// <summary><c>dense</c>, <c>hybrid</c> and <c>hybrid-rrf</c> (weights chosen on the train split's queries of the trained types) and <c>learned-hybrid</c> (trained on them).</summary>
    private static async Task<List<IEvaluationPipeline>> HybridPipelinesAsync(LuceneMatchIndex index, Training.TrainSplit train, PrecomputedVectors vectors, EvaluationOptions options, TextWriter output)
    {
        if (options.Split == "train")
        {
            output.WriteLine("warning: the hybrid weights are chosen on train and evaluated on train; use --folds K for an honest train figure");
        }

        var grades = Training.Grades(train.Judgments);
        var selectOn = HybridSelection.Choose([.. train.Queries.Where(q => options.TrainTypes.Contains(q.Type))], grades, vectors, options, output);
        var captured = await HybridEvaluation.CaptureAsync(index, selectOn, options.CandidatePool);
        var on = $"{selectOn.Count} train queries ({string.Join("+", options.TrainTypes)})";
        var interpolation = HybridEvaluation.Choose(Ranking.HybridFusion.Interpolation, selectOn.Select(q => q.Id), captured, grades);
        var rrf = HybridEvaluation.Choose(Ranking.HybridFusion.ReciprocalRank, selectOn.Select(q => q.Id), captured, grades);
        output.WriteLine(HybridEvaluation.Describe(Ranking.HybridFusion.Interpolation, interpolation, on));
        output.WriteLine(HybridEvaluation.Describe(Ranking.HybridFusion.ReciprocalRank, rrf, on));
        var selected = selectOn.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var learned = await Training.TrainHybridAsync(index, selectOn, train.Judgments.Where(j => selected.Contains(j.QueryId)), options, output);
        return
        [
            HybridEvaluation.Dense(index, options.CandidatePool),
            HybridEvaluation.Hybrid(index, Ranking.HybridFusion.Interpolation, interpolation.Weight, options.CandidatePool),
            HybridEvaluation.Hybrid(index, Ranking.HybridFusion.ReciprocalRank, rrf.Weight, options.CandidatePool),
            HybridEvaluation.LearnedHybrid(index, learned, options.CandidatePool),
        ];
    }
}
