using System.Globalization;
using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// <c>--fit-calibration</c> (on <c>--split train</c>): Platt scaling of the shipped learned model's and BM25 order's
/// scores into the chance of relevance (grade ≥ 2), from each training query's top 20 achievements; prints the constants
/// that <c>ScoreCalibration</c> ships. Dev is never used.
/// </summary>
internal static class Calibration
{
    public static async Task RunAsync(LuceneMatchIndex index, IEnumerable<Ranking.TrainingQuery> queries, IReadOnlyDictionary<string, Dictionary<string, int>> qrels, EvaluationOptions options, TextWriter output)
    {
        var judged = queries.Where(q => qrels.ContainsKey(q.Id) && options.TrainTypes.Contains(q.Type)).ToList();
        foreach (var (name, ranker, difference) in new (string, IMatchRanker, bool)[] { ("learned (shipped)", LearnedMatchRanker.Default, true), ("bm25-fused", Bm25MatchRanker.Instance, false) })
        {
            var engine = new MatchEngine(index, ranker);
            var samples = new List<(double X, double Y, bool Relevant)>();
            var probe = new ScoreCalibration(1, 0, 0, difference);
            foreach (var q in judged)
            {
                var results = await engine.MatchAsync(MatchRequest.ForText(q.Text), new MatchOptions { Top = 20, IncludeExplanations = false, Kinds = [DocumentKind.Achievement] });
                if (results.Items.Count == 0)
                {
                    continue;
                }

                var best = results.Items[0].Score;
                samples.AddRange(results.Items.Select(r => { var (x, y) = probe.Inputs(r.Score, best); return (x, y, qrels[q.Id].GetValueOrDefault(r.Id) >= 2); }));
            }

            var fit = ScoreCalibration.Fit(samples, difference);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: A = {fit.A:R}, B = {fit.B:R}, C = {fit.C:R} ({samples.Count} results of {judged.Count} {string.Join("+", options.TrainTypes)} queries, {samples.Count(s => s.Relevant)} relevant)"));
        }
    }
}
