namespace Quanzhou.Matching.Evaluation;

/// <summary>
/// Ranking metrics with the conventions of the evaluation data's README: nDCG@k with gain 2^grade − 1 and discount
/// 1/log2(rank + 1), the ideal ranking from all judged documents; MRR@k on the first document of the top grade
/// (the source document, grade 3); Recall@k over documents with grade ≥ 1. Unjudged documents count as grade 0.
/// </summary>
public static class RankingMetrics
{
    /// <summary>nDCG at <paramref name="k"/>.</summary>
    /// <param name="ranking">Document ids, best first.</param>
    /// <param name="grades">Judged grades by document id.</param>
    /// <param name="k">The cut-off (10 by convention).</param>
    /// <returns>nDCG in [0, 1]; 0 when nothing is relevant.</returns>
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (grades.TryGetValue(ranking[i], out var g) && g > 0)
            {
                dcg += Gain(g) / Math.Log2(i + 2);
            }
        }

        var ideal = grades.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => Gain(g) / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    /// <summary>Reciprocal rank of the first document with grade ≥ <paramref name="targetGrade"/> within the top <paramref name="k"/>.</summary>
    /// <param name="ranking">Document ids, best first.</param>
    /// <param name="grades">Judged grades by document id.</param>
    /// <param name="k">The cut-off (10 by convention).</param>
    /// <param name="targetGrade">The grade that counts (3 = the source document).</param>
    /// <returns>1/rank, or 0.</returns>
    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, int k = 10, int targetGrade = 3)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (grades.TryGetValue(ranking[i], out var g) && g >= targetGrade)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>Share of the documents with grade ≥ 1 found in the top <paramref name="k"/>.</summary>
    /// <param name="ranking">Document ids, best first.</param>
    /// <param name="grades">Judged grades by document id.</param>
    /// <param name="k">The cut-off (100 by convention).</param>
    /// <returns>Recall in [0, 1]; 0 when nothing is relevant.</returns>
    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> grades, int k = 100)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(grades);
        var relevant = grades.Count(g => g.Value >= 1);
        if (relevant == 0)
        {
            return 0;
        }

        var found = ranking.Take(k).Distinct().Count(id => grades.TryGetValue(id, out var g) && g >= 1);
        return (double)found / relevant;
    }

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
