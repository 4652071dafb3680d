using Quanzhou.Matching.Duplicates;
using Quanzhou.Matching.Serialization;
using Xunit.Abstractions;

namespace Quanzhou.Matching.Tests.Duplicates;

public class NearDuplicateDetectorTests(ITestOutputHelper output)
{
    private static readonly NearDuplicateDetector Detector = new();

    [Fact]
    public void Similarity_RepostWithDifferentPunctuationWidthAndScript_IsDuplicate()
    {
        var a = new TechAchievement("a", "低成本TPU防水透气膜连续化制备技术") { Description = "亲水TPU无孔膜与针织布复合，透湿量≥8000 g/(m²·24h)，耐静水压≥10 kPa，适用于跑鞋鞋面。" };
        var b = new TechAchievement("b", "低成本ＴＰＵ防水透氣膜連續化製備技術") { Description = "亲水TPU无孔膜与针织布复合;透湿量≥8000g/(m2·24h)、耐静水压≥10kPa——适用于跑鞋鞋面" };
        var c = new TechAchievement("c", "钠离子电池层状氧化物正极材料") { Description = "比容量135 mAh/g，循环2000次容量保持率88%。" };
        Assert.True(Detector.AreDuplicates(a, b));
        Assert.False(Detector.AreDuplicates(a, c));
    }

    [Fact]
    public void FindClusters_OnConstructedSet_HasHighPrecisionAndRecall()
    {
        var originals = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DemoData"), "achievements-*.jsonl")
            .SelectMany(MatchDocumentJson.ReadFile).Select(r => r.Document!).ToList();
        var random = new Random(11);
        var copies = originals.Where((_, i) => i % 3 == 0).Select((d, i) => (MatchDocument)new TechAchievement($"copy-{d.Id}", Variant(d.Title, i, random))
        {
            Description = Variant(d.Description, i, random),
            Keywords = d.Keywords,
        }).ToList();

        var clusters = Detector.FindClusters(originals.Concat(copies));
        var predictedPairs = clusters.SelectMany(c => c.SelectMany(x => c.Where(y => string.CompareOrdinal(x, y) < 0).Select(y => (x, y)))).ToHashSet();
        var truePairs = copies.Select(c => (c.Id["copy-".Length..], c.Id)).Select(p => string.CompareOrdinal(p.Item1, p.Id) < 0 ? p : (p.Id, p.Item1)).ToHashSet();
        var hits = predictedPairs.Count(truePairs.Contains);
        var precision = predictedPairs.Count == 0 ? 0 : (double)hits / predictedPairs.Count;
        var recall = (double)hits / truePairs.Count;
        output.WriteLine($"near-duplicates: {truePairs.Count} planted pairs among {originals.Count + copies.Count} documents; predicted {predictedPairs.Count} pairs; precision {precision:0.000}, recall {recall:0.000}");
        Assert.True(precision >= 0.95, $"precision {precision:0.000}");
        Assert.True(recall >= 0.9, $"recall {recall:0.000}");
    }

    [Fact]
    public async Task MatchAsync_CollapseDuplicates_KeepsTheBestRankedCopy()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var membrane = TestFixtures.Documents.Single(d => d.Id == "a-membrane");
        await index.UpsertAsync(new TechAchievement("a-membrane-repost", membrane.Title + "（转载）") { Description = membrane.Description + " ", Keywords = membrane.Keywords, Tenant = "quanzhou" });
        var engine = new MatchEngine(index);
        var request = MatchRequest.ForId("n-membrane", "quanzhou");
        var all = await engine.MatchAsync(request, new MatchOptions { Kinds = [DocumentKind.Achievement] });
        Assert.Contains(all.Items, r => r.Id == "a-membrane-repost");
        var collapsed = await engine.MatchAsync(request, new MatchOptions { Kinds = [DocumentKind.Achievement], CollapseDuplicates = true });
        Assert.Single(collapsed.Items, r => r.Id is "a-membrane" or "a-membrane-repost");
        Assert.Equal(Enumerable.Range(1, collapsed.Items.Count), collapsed.Items.Select(r => r.Rank));
    }

    [Fact]
    public void Constructor_BadSettings_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateDetector(threshold: 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateDetector(hashes: 2));
    }

    /// <summary>A re-posted copy: punctuation, spacing, width or script changed, a prefix added, or the last tenth cut.</summary>
    private static string Variant(string text, int i, Random random) => (i % 4) switch
    {
        0 => text.Replace("，", ",", StringComparison.Ordinal).Replace("。", ". ", StringComparison.Ordinal),
        1 => "【转载】" + text,
        2 => text[..(text.Length - (text.Length / 10))],
        _ => string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c)) + (random.Next(2) == 0 ? "。" : string.Empty),
    };
}
