using System.CommandLine;
using System.Diagnostics;
using Quanzhou.Matching.Cli.Datasets;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>
/// <c>train --data DIR --out MODELDIR</c>: trains a LambdaRank model on the train split (queries.train.tsv +
/// qrels.train.txt) with LambdaRankTrainer, then writes model.zip + manifest.json. The model is written to a temporary
/// sibling folder and moved into place, so a failed run never leaves half a model.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data", "-d") { Description = "Dataset folder: corpus.jsonl, queries.train.tsv, qrels.train.txt.", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "The model folder to write (model.zip, manifest.json).", Required = true };
        var types = new Option<string[]>("--types") { Description = "Query types to train on (default: problem, measured best on dev).", DefaultValueFactory = _ => ["problem"], AllowMultipleArgumentsPerToken = true };
        var trees = new Option<int>("--trees") { Description = "Number of trees.", DefaultValueFactory = _ => 150 };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree.", DefaultValueFactory = _ => 8 };
        var minLeaf = new Option<int>("--min-leaf") { Description = "Minimum examples per leaf.", DefaultValueFactory = _ => 200 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate.", DefaultValueFactory = _ => 0.1 };
        var evalSplit = new Option<string>("--eval-split") { Description = "After training, evaluate on this split when the dataset has it (never trained on).", DefaultValueFactory = _ => "dev" };
        var command = new Command("train", "Train a LambdaRank model from a dataset folder's train split.") { data, output, types, trees, leaves, minLeaf, learningRate, evalSplit };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var dataset = EvaluationDataset.Open(parse.GetRequiredValue(data).FullName);
            var typeSet = parse.GetValue(types)!.SelectMany(t => t.Split(',')).ToHashSet(StringComparer.Ordinal);
            var queries = dataset.ReadQueries("train").Where(q => typeSet.Contains(q.Type ?? string.Empty)).ToList();
            if (queries.Count == 0)
            {
                throw new CommandException(ExitCodes.InvalidInput, $"no training queries of type {string.Join(",", typeSet)} in queries.train.tsv.");
            }

            var judgments = dataset.ReadJudgments("train");
            var options = new LambdaRankTrainerOptions
            {
                NumberOfTrees = parse.GetValue(trees),
                NumberOfLeaves = parse.GetValue(leaves),
                MinimumExampleCountPerLeaf = parse.GetValue(minLeaf),
                LearningRate = parse.GetValue(learningRate),
                TrainingDataDescription = $"{Path.GetFileName(dataset.Folder)}: train split, query types {string.Join("+", typeSet)} (quanzhou-match train)",
            };

            var clock = Stopwatch.StartNew();
            using var index = LuceneMatchIndex.CreateInMemory();
            var corpus = dataset.ReadCorpus();
            await AnsiConsole.Status().StartAsync($"indexing {corpus.Count} documents", _ => index.UpsertManyAsync(corpus, cancellationToken: cancellationToken));
            var model = await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()).StartAsync(async context =>
            {
                var task = context.AddTask($"training on {queries.Count} queries", maxValue: queries.Count);
                var trained = await new LambdaRankTrainer(options).TrainAsync(new MatchEngine(index, Bm25MatchRanker.Instance), queries, judgments, new Reporter(task), cancellationToken);
                task.Value = task.MaxValue;
                return trained;
            });
            AnsiConsole.MarkupLine($"trained in {clock.Elapsed.TotalSeconds:0.0} s; feature importance: " +
                Markup.Escape(string.Join(", ", model.Manifest.FeatureImportance.Take(5).Select(kv => $"{kv.Key} {kv.Value:0.000}"))));

            var folder = parse.GetRequiredValue(output);
            SaveAtomically(model, folder);
            AnsiConsole.MarkupLine($"[green]model written[/] to {Markup.Escape(folder.FullName)}");

            var split = parse.GetValue(evalSplit);
            if (split is { Length: > 0 } && split != "train" && dataset.HasSplit(split))
            {
                var ranker = model.ToRanker();
                var scores = await PipelineEvaluation.RunAsync(new EnginePipeline("learned", new MatchEngine(index, ranker), CandidateRetrieval.Fused, new MatchOptions().CandidatePoolSize), dataset.ReadQueries(split), dataset.ReadQrels(split), null, cancellationToken);
                var bm25 = await PipelineEvaluation.RunAsync(new EnginePipeline("bm25-fused", new MatchEngine(index, Bm25MatchRanker.Instance), CandidateRetrieval.Fused, PipelineEvaluation.Depth), dataset.ReadQueries(split), dataset.ReadQrels(split), null, cancellationToken);
                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(split)} split:[/]");
                AnsiConsole.Write(Evaluator.ToTable([bm25, scores]));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Save next to the target, then swap folders: readers see the old model or the new one, never half of one.</summary>
    private static void SaveAtomically(TrainedRankingModel model, DirectoryInfo folder)
    {
        var parent = folder.Parent?.FullName ?? Directory.GetCurrentDirectory();
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{folder.Name}.tmp-{Environment.ProcessId}");
        var backup = Path.Combine(parent, $".{folder.Name}.old-{Environment.ProcessId}");
        try
        {
            model.Save(staging);
            if (Directory.Exists(folder.FullName))
            {
                Directory.Move(folder.FullName, backup);
            }

            Directory.Move(staging, folder.FullName);
            if (Directory.Exists(backup))
            {
                Directory.Delete(backup, recursive: true);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private sealed class Reporter(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
