using Quanzhou.Matching.Evaluation;

namespace Quanzhou.Matching.Tests.Evaluation;

public class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Grades = new() { ["d3"] = 3, ["d2"] = 2, ["d1"] = 1 };

    [Fact]
    public void Ndcg_IdealOrder_IsOne() => Assert.Equal(1.0, RankingMetrics.Ndcg(["d3", "d2", "d1"], Grades), 10);

    [Fact]
    public void Ndcg_HandComputedExample()
    {
        // ranking: x, d2, d3 ; DCG = 3/log2(3) + 7/log2(4) = 1.892789 + 3.5 = 5.392789
        // ideal: d3, d2, d1 ; IDCG = 7/1 + 3/log2(3) + 1/log2(4) = 7 + 1.892789 + 0.5 = 9.392789
        Assert.Equal(5.392789 / 9.392789, RankingMetrics.Ndcg(["x", "d2", "d3"], Grades), 5);
    }

    [Fact]
    public void Ndcg_OnlyTopTenCount()
    {
        var ranking = Enumerable.Range(0, 10).Select(i => $"x{i}").Append("d3").ToArray();
        Assert.Equal(0, RankingMetrics.Ndcg(ranking, Grades));
    }

    [Fact]
    public void ReciprocalRank_CountsOnlyTheGradeThreeDocument()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.ReciprocalRank(["d2", "d1", "d3"], Grades), 10);
        Assert.Equal(0, RankingMetrics.ReciprocalRank(["d2", "d1"], Grades));
    }

    [Fact]
    public void Recall_CountsGradeOneAndAbove()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(["d1", "x", "d3"], Grades), 10);
        Assert.Equal(0, RankingMetrics.Recall(["x"], new Dictionary<string, int>()));
    }

    [Fact]
    public void WriteRun_AndReadQrels_UseTrecFormats()
    {
        var dir = TestFixtures.NewTempDirectory();
        var qrels = Path.Combine(dir, "qrels.txt");
        File.WriteAllLines(qrels, ["q1 0 d3 3", "q1 0 d1 1", "q2 0 d9 2"]);
        var read = TrecFormat.ReadQrels(qrels);
        Assert.Equal(3, read["q1"]["d3"]);
        Assert.Equal(2, read["q2"]["d9"]);

        using var writer = new StringWriter();
        TrecFormat.WriteRun(writer, "q1", [("d3", 2.5), ("d1", 1.25)], "bm25-fused");
        Assert.Equal("q1 Q0 d3 1 2.5 bm25-fused\nq1 Q0 d1 2 1.25 bm25-fused\n", writer.ToString());
    }

    [Fact]
    public void ReadQrels_BadLine_NamesTheLine()
    {
        var path = Path.Combine(TestFixtures.NewTempDirectory(), "qrels.txt");
        File.WriteAllLines(path, ["q1 0 d3 3", "broken"]);
        var ex = Assert.Throws<FormatException>(() => TrecFormat.ReadQrels(path));
        Assert.Contains(":2:", ex.Message, StringComparison.Ordinal);
    }
}
