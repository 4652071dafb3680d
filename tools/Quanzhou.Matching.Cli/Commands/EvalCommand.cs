using System.CommandLine;
using System.Diagnostics;
using Quanzhou.Matching.Cli.Datasets;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Commands;

/// <summary>
/// <c>eval --data DIR [--split dev] [--model DIR] [--out DIR]</c>: the evaluation tool's pipelines and table
/// (nDCG@10, MRR@10, Recall@100 per query type; p50/p95 latency) on any dataset folder.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data", "-d") { Description = "Dataset folder: corpus.jsonl, queries.<split>.tsv, qrels.<split>.txt.", Required = true };
        var split = new Option<string>("--split") { Description = "The split to evaluate.", DefaultValueFactory = _ => "dev" };
        var model = new Option<DirectoryInfo>("--model") { Description = "A model folder from the train verb; default: the shipped model." };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Write <pipeline>.run TREC files here." };
        var candidates = new Option<int>("--candidates") { Description = "Candidates reranked by the learned pipeline (default: MatchOptions.CandidatePoolSize).", DefaultValueFactory = _ => new MatchOptions().CandidatePoolSize };
        var command = new Command("eval", "Evaluate the BM25 and learned pipelines on a dataset folder (the evaluation tool's table).") { data, split, model, output, candidates };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var dataset = EvaluationDataset.Open(parse.GetRequiredValue(data).FullName);
            var splitName = parse.GetValue(split) ?? "dev";
            var queries = dataset.ReadQueries(splitName);
            var qrels = dataset.ReadQrels(splitName);
            var learned = MatchCommand.LoadRanker("learned", parse.GetValue(model));
            var outFolder = parse.GetValue(output)?.FullName;
            if (outFolder is not null)
            {
                Directory.CreateDirectory(outFolder);
            }

            var clock = Stopwatch.StartNew();
            using var index = LuceneMatchIndex.CreateInMemory();
            var corpus = dataset.ReadCorpus();
            await AnsiConsole.Status().StartAsync($"indexing {corpus.Count} documents", _ => index.UpsertManyAsync(corpus, cancellationToken: cancellationToken));
            AnsiConsole.MarkupLine($"indexed {corpus.Count} documents in {clock.Elapsed.TotalSeconds:0.0} s; {queries.Count} queries ({Markup.Escape(splitName)})");

            var results = new List<PipelineEvaluation>();
            foreach (var pipeline in EnginePipeline.Standard(index, learned, parse.GetValue(candidates)))
            {
                using var run = outFolder is null ? null : new StreamWriter(Path.Combine(outFolder, pipeline.Name + ".run"));
                results.Add(await AnsiConsole.Status().StartAsync($"running {pipeline.Name}", _ =>
                    PipelineEvaluation.RunAsync(pipeline, queries, qrels, run, cancellationToken)));
            }

            AnsiConsole.Write(Evaluator.ToTable(results));
            AnsiConsole.MarkupLine($"[grey]ranker model: {Markup.Escape(learned is LearnedMatchRanker l ? l.Manifest.Name : learned.Name)}[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
