using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Quanzhou.Matching.EvaluationTool;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Evaluation;

/// <summary>
/// How the evaluation tool chooses the hybrid dense weight: the one-standard-error rule (a weight enters only with a
/// gain the judged queries can tell from noise) and the choice of queries the vectors' model never saw.
/// </summary>
public class HybridSelectionTests
{
    [Fact]
    public void Choose_DenseHelpsEveryQuery_TakesTheBestWeight()
    {
        var (captured, qrels) = Queries(helped: 30, neutral: 0);

        var choice = HybridEvaluation.Choose(HybridFusion.Interpolation, captured.Keys, captured, qrels);

        // Two candidates: the relevant one wins once w·1 > (1 − w)·1, so from 0.6 on the grid (0.5 is a tie, kept in BM25's order).
        Assert.Equal(0.6, choice.Weight);
        Assert.Equal(choice.BestWeight, choice.Weight);
        Assert.True(choice.Ndcg > choice.Bm25Ndcg + 0.2, $"{choice}");
    }

    [Fact]
    public void Choose_GainOnOneQueryOfThirty_IsWithinOneStandardErrorSoBm25OrderStays()
    {
        var (captured, qrels) = Queries(helped: 1, neutral: 29);

        var choice = HybridEvaluation.Choose(HybridFusion.Interpolation, captured.Keys, captured, qrels);

        Assert.True(choice.BestWeight > 0, $"the best weight of the grid still gains on the one query: {choice}");
        Assert.True(choice.BestNdcg > choice.Bm25Ndcg, $"{choice}");
        Assert.Equal(0, choice.Weight);
        Assert.Equal(choice.Bm25Ndcg, choice.Ndcg);
    }

    [Fact]
    public void EncoderSaw_KeepsTheQueriesWhoseJudgedDocumentTheVectorsScoreLowest()
    {
        var folder = TestFixtures.NewTempDirectory();
        var similarities = new[] { 0.95, 0.2, 0.9, 0.1, 0.85, 0.3, 0.99, 0.92 };
        var queries = similarities.Select((_, i) => new TrainingQuery($"q{i}", $"query text {i}", "problem")).ToList();
        var vectors = WriteVectors(folder, similarities, queries);
        var grades = queries.ToDictionary(q => q.Id, q => new Dictionary<string, int> { ["d" + q.Id[1..]] = 3, ["x"] = 1 });
        var output = new StringWriter();

        var kept = HybridSelection.Choose(queries, grades, vectors, Options("--encoder-saw", "0.75"), output);

        Assert.Equal(["q3", "q1"], kept.Select(q => q.Id));
        Assert.Contains("2 of 8 judged train queries, estimated unseen", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0.1, HybridSelection.BestJudgedSimilarity(queries[3], grades["q3"], vectors), 1e-5);
    }

    [Fact]
    public void SelectOn_KeepsTheListedQueriesAndRefusesAnUnknownId()
    {
        var folder = TestFixtures.NewTempDirectory();
        var queries = Enumerable.Range(0, 4).Select(i => new TrainingQuery($"q{i}", $"query text {i}", "problem")).ToList();
        var vectors = WriteVectors(folder, [0.5, 0.5, 0.5, 0.5], queries);
        var grades = queries.ToDictionary(q => q.Id, q => new Dictionary<string, int> { ["d" + q.Id[1..]] = 3 });
        var list = Path.Combine(folder, "unseen.txt");
        File.WriteAllText(list, "q2\n\nq0\n");

        var kept = HybridSelection.Choose(queries, grades, vectors, Options("--select-on", list), TextWriter.Null);

        Assert.Equal(["q0", "q2"], kept.Select(q => q.Id));
        File.WriteAllText(list, "q2\nq9\n");
        var error = Assert.Throws<FormatException>(() => HybridSelection.Choose(queries, grades, vectors, Options("--select-on", list), TextWriter.Null));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'q9'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--encoder-saw", "1")]
    [InlineData("--encoder-saw", "-0.1")]
    public void EncoderSaw_OutsideZeroToOne_IsAUsageError(string flag, string value)
    {
        var error = new StringWriter();

        Assert.Null(EvaluationOptions.Parse(["--vectors", "v", flag, value], TextWriter.Null, error));
        Assert.Contains("--encoder-saw must be a share in [0, 1)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SelectionWithoutVectors_OrBothSelections_AreUsageErrors()
    {
        var error = new StringWriter();

        Assert.Null(EvaluationOptions.Parse(["--encoder-saw", "0.5"], TextWriter.Null, error));
        Assert.Null(EvaluationOptions.Parse(["--vectors", "v", "--encoder-saw", "0.5", "--select-on", "f"], TextWriter.Null, error));
        Assert.Contains("use them with --vectors DIR", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not both", error.ToString(), StringComparison.Ordinal);
    }

    private static EvaluationOptions Options(params string[] args) =>
        EvaluationOptions.Parse(["--vectors", "unused", .. args], TextWriter.Null, TextWriter.Null) ?? throw new InvalidOperationException("bad test options");

    /// <summary>
    /// Per query two candidates, the non-relevant one first by BM25. In a helped query the dense score prefers the
    /// relevant one; in a neutral one both have the same dense score, so no weight changes the order.
    /// </summary>
    private static (Dictionary<string, RankingCandidate[]> Captured, Dictionary<string, Dictionary<string, int>> Qrels) Queries(int helped, int neutral)
    {
        var captured = new Dictionary<string, RankingCandidate[]>(StringComparer.Ordinal);
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        for (var i = 0; i < helped + neutral; i++)
        {
            var id = "q" + i.ToString(CultureInfo.InvariantCulture);
            var denseRelevant = i < helped ? 0.9f : 0.5f;
            captured[id] =
            [
                new RankingCandidate("non", 10, []) { DenseScore = 0.5f },
                new RankingCandidate("rel", 9, []) { DenseScore = denseRelevant },
            ];
            qrels[id] = new Dictionary<string, int>(StringComparer.Ordinal) { ["rel"] = 3 };
        }

        return (captured, qrels);
    }

    /// <summary>
    /// Unit vectors in 2 dimensions: query i is (1, 0), its judged document "d{i}" is at the given similarity, and the
    /// lower-graded document "x" at similarity 1 (which must not count: only the best-graded documents do).
    /// </summary>
    private static PrecomputedVectors WriteVectors(string folder, double[] similarities, List<TrainingQuery> queries)
    {
        var docs = similarities.Select((s, i) => ("d" + i.ToString(CultureInfo.InvariantCulture), new[] { (float)s, (float)Math.Sqrt(1 - (s * s)) })).Append(("x", new[] { 1f, 0f })).ToArray();
        WriteNpy(Path.Combine(folder, "corpus.npy"), [.. docs.Select(d => d.Item2)]);
        File.WriteAllLines(Path.Combine(folder, "corpus.ids.txt"), docs.Select(d => d.Item1));
        WriteNpy(Path.Combine(folder, "queries.train.npy"), [.. queries.Select(_ => new[] { 1f, 0f })]);
        File.WriteAllLines(Path.Combine(folder, "queries.train.ids.txt"), queries.Select(q => q.Id));
        return PrecomputedVectors.Load(folder, new Dictionary<string, IReadOnlyList<TrainingQuery>> { ["train"] = queries });
    }

    private static void WriteNpy(string path, float[][] rows)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.Length}, {rows[0].Length}), }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, .. Encoding.ASCII.GetBytes("NUMPY"), 1, 0]);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var value = new byte[4];
        foreach (var x in rows.SelectMany(r => r))
        {
            BinaryPrimitives.WriteSingleLittleEndian(value, x);
            stream.Write(value);
        }
    }
}
