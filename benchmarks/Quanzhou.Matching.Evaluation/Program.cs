// Quanzhou.Matching evaluation tool: indexes a dataset folder with the library's public API, runs every query of a
// split through named pipelines, writes TREC runs and prints nDCG@10 / MRR@10 / Recall@100 per query type.
// Usage: dotnet run --project benchmarks/Quanzhou.Matching.Evaluation -c Release -- --data ../shared/data --split dev [--out DIR]
//        [--train-model DIR [--train-types problem] [--trees N] [--leaves N] [--min-leaf N] [--learning-rate X]] [--model DIR] [--gate] [--feature NAME]
using System.Diagnostics;
using System.Globalization;
using Quanzhou.Matching;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.EvaluationTool;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = EvaluationOptions.Parse(args);
if (options is null)
{
    return 2;
}

EvaluationDataset dataset;
try
{
    dataset = EvaluationDataset.Open(options.DataFolder);
}
catch (FileNotFoundException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}

if (options.Task == "tagging")
{
    var tagging = TaggingTask.Run(dataset, Console.Out);
    if (options.OutFolder is { } taggingOut)
    {
        Directory.CreateDirectory(taggingOut);
        var summary = new System.Text.Json.Nodes.JsonObject { ["task"] = "tagging", ["tagging"] = tagging };
        File.WriteAllText(Path.Combine(taggingOut, "summary.json"), summary.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    return 0;
}

Console.WriteLine($"dataset: {dataset.Folder}  split: {options.Split}");
var queries = dataset.ReadQueries(options.Split);
var qrels = dataset.ReadQrels(options.Split);

// 1. Index the corpus through the public API.
var clock = Stopwatch.StartNew();
using var index = LuceneMatchIndex.CreateInMemory();
var queryTagger = options.AutoTag ? new Quanzhou.Matching.Taxonomy.TaxonomyTagger() : null;
var corpus = dataset.ReadCorpus().ToList();
if (queryTagger is not null)
{
    corpus = [.. corpus.Select(d => AutoTagging.WithTags(d, queryTagger))];
    Console.WriteLine($"auto-tagged: {corpus.Count(d => d.IndustryTags.Count > 0)} of {corpus.Count} documents have industry tags");
}

var indexed = await index.UpsertManyAsync(corpus);
var buildSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"indexed {indexed.Accepted} documents ({indexed.Rejected} rejected) in {buildSeconds:0.0} s");

// 2. The learned ranker: freshly trained, loaded from a folder, or the shipped default.
LearnedMatchRanker? learned = null;
if (options.TrainModelFolder is { } trainFolder)
{
    learned = Training.TrainAndSave(dataset, index, corpus, options, trainFolder, queryTagger);
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
var report = new EvaluationReport(options.Split, buildSeconds);
if (options.OutFolder is { } runFolder)
{
    Directory.CreateDirectory(runFolder);
}

foreach (var pipeline in EnginePipeline.Standard(index, learned, options.CandidatePool, queryTagger, options.Features))
{
    using var run = options.OutFolder is { } folder ? new StreamWriter(Path.Combine(folder, pipeline.Name + ".run")) : null;
    report.Add(await PipelineEvaluation.RunAsync(pipeline, queries, qrels, run));
}

report.Print(Console.Out);
if (options.OutFolder is { } outFolder)
{
    report.WriteJson(Path.Combine(outFolder, "summary.json"));
    Console.WriteLine($"runs and summary.json written to {Path.GetFullPath(outFolder)}");
}

if (options.Gate)
{
    return report.CheckGate(Console.Out) ? 0 : 1;
}

return 0;
