using System.Globalization;
using Quanzhou.Matching.Evaluation;
using Spectre.Console;

namespace Quanzhou.Matching.Cli.Datasets;

/// <summary>Renders the library's <see cref="PipelineEvaluation"/>s as the evaluation tool's table.</summary>
internal static class Evaluator
{
    private static readonly string[] Types = ["all", "problem", "title", "keywords"];

    public static Table ToTable(IEnumerable<PipelineEvaluation> results)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "pipeline", "type", "queries", "nDCG@10", "MRR@10", "Recall@100", "p50 ms", "p95 ms" })
        {
            table.AddColumn(column is "pipeline" or "type" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var r in results)
        {
            foreach (var type in Types)
            {
                var (n, ndcg, mrr, recall) = r.Aggregate(type);
                if (n > 0)
                {
                    var all = type == "all";
                    table.AddRow(r.Name, type, n.ToString(CultureInfo.InvariantCulture), F(ndcg), F(mrr), F(recall),
                        all ? r.P50Ms.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty,
                        all ? r.P95Ms.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty);
                }
            }
        }

        return table;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
