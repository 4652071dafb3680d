using System.Globalization;
using System.Numerics.Tensors;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// Which train queries the hybrid settings may be chosen on. A dense weight chosen on queries whose pairs the vectors'
/// model was trained on measures the model's memory, not its meaning: with the shared catalogue vectors (their encoder
/// saw the judged pairs of 3/4 of the train queries) it picks 0.70 on train, where dense alone scores 0.90, and loses to
/// BM25 on dev, where dense alone scores 0.68. So selection uses only queries the model never saw: a list the host
/// gives (<c>--select-on FILE</c>), or, when only the share is known (<c>--encoder-saw X</c>), an estimate.
/// </summary>
/// <remarks>
/// The estimate keeps the (1 − X) share of queries whose best-judged document the vectors score lowest: memorised
/// pairs score high. It is biased towards queries the vectors find hard (an unseen query the model happens to match
/// well is taken for a seen one), so a dense weight chosen on it errs low, towards BM25: safe for a fused ranking,
/// and said so in the output.
/// </remarks>
internal static class HybridSelection
{
    /// <summary>The queries of <paramref name="candidates"/> to choose the hybrid settings on, with a line saying which and why.</summary>
    public static List<TrainingQuery> Choose(
        List<TrainingQuery> candidates,
        IReadOnlyDictionary<string, Dictionary<string, int>> grades,
        PrecomputedVectors vectors,
        EvaluationOptions options,
        TextWriter output)
    {
        if (options.SelectOnFile is { } file)
        {
            var listed = ReadIds(file, candidates);
            var kept = candidates.Where(q => listed.Contains(q.Id)).ToList();
            output.WriteLine($"hybrid selection: {kept.Count} of {candidates.Count} train queries, the ones listed in {Path.GetFullPath(file)} as never seen by the vectors' model");
            return kept;
        }

        if (options.EncoderSaw is not { } saw)
        {
            return candidates;
        }

        var scored = candidates
            .Where(q => grades.ContainsKey(q.Id))
            .Select(q => (Query: q, Similarity: BestJudgedSimilarity(q, grades[q.Id], vectors)))
            .OrderBy(x => x.Similarity)
            .ThenBy(x => x.Query.Id, StringComparer.Ordinal)
            .ToList();
        var keep = (int)Math.Round((1 - saw) * scored.Count, MidpointRounding.AwayFromZero);
        if (keep == 0)
        {
            throw new ArgumentException($"--encoder-saw {saw.ToString(CultureInfo.InvariantCulture)} leaves none of the {scored.Count} judged train queries to choose on");
        }

        var unseen = scored.Take(keep).ToList();
        var seen = scored.Skip(keep).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hybrid selection: {keep} of {scored.Count} judged train queries, estimated unseen by the vectors' model (--encoder-saw {saw:0.00}: the lowest query-to-best-judged-document similarity; median {Median(unseen):0.000} kept, {Median(seen):0.000} left out). The estimate leans to queries the vectors find hard, so the chosen dense weight errs low."));
        return [.. unseen.Select(x => x.Query)];
    }

    /// <summary>The highest similarity between the query's vector and the vectors of its highest-graded documents.</summary>
    public static float BestJudgedSimilarity(TrainingQuery query, Dictionary<string, int> grades, PrecomputedVectors vectors)
    {
        var top = grades.Values.Max();
        var q = vectors.QueryVector(query);
        return grades.Where(g => g.Value == top).Max(g => TensorPrimitives.Dot(q, vectors.DocumentVector(g.Key)));
    }

    private static HashSet<string> ReadIds(string file, List<TrainingQuery> candidates)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"--select-on: file '{file}' does not exist");
        }

        var known = candidates.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            var id = line.Trim();
            if (id.Length == 0)
            {
                continue;
            }

            ids.Add(known.Contains(id) ? id : throw new FormatException($"--select-on: line {lineNumber} of {file}: '{id}' is not a train query of the trained types"));
        }

        return ids.Count > 0 ? ids : throw new FormatException($"--select-on: {file} lists no query ids");
    }

    private static double Median(List<(TrainingQuery Query, float Similarity)> values) =>
        values.Count == 0 ? double.NaN : values[values.Count / 2].Similarity;
}
