// Quanzhou.Matching evaluation tool: indexes a dataset folder with the library's public API, runs every query of a
// split through named pipelines, writes TREC runs and prints nDCG@10 / MRR@10 / Recall@100 per query type.
// Usage: dotnet run --project benchmarks/Quanzhou.Matching.Evaluation -c Release -- --data ../shared/data --split dev [--out DIR]
//        [--train-model DIR [--train-types problem] [--trees N] [--leaves N] [--min-leaf N] [--learning-rate X]] [--model DIR] [--gate] [--strict] [--feature NAME]
// Bad dataset records are reported (file:line: reason), skipped and counted in summary.json; --strict stops at the first
// one instead. Exit codes: see ExitCodes.cs.
using System.Globalization;
using Quanzhou.Matching.EvaluationTool;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// QZM_EXHAUSTIVE=1 scores retrieval exhaustively (MaxScore pruning off), to show that pruning changes no metric.
if (Environment.GetEnvironmentVariable("QZM_EXHAUSTIVE") == "1")
{
    Quanzhou.Matching.Retrieval.Pruning.MaxScoreSearch.Exhaustive.Value = true;
}

return await EvaluationRun.RunAsync(args, Console.Out, Console.Error);
