using Quanzhou.Matching.Taxonomy;

namespace Quanzhou.Matching.Tests.Taxonomy;

public class TaxonomyTaggerTests
{
    [Fact]
    public void Default_CoversQuanzhouClustersWithSubFields()
    {
        var taxonomy = IndustryTaxonomy.Default;
        foreach (var id in new[] { "textiles-apparel", "shoes", "petrochemicals", "machinery", "building-materials", "food", "crafts", "paper-printing", "electronics-ic", "new-materials", "new-energy", "biomedicine", "low-altitude", "robotics", "hydrogen" })
        {
            Assert.NotNull(taxonomy.Find(id));
        }

        Assert.True(taxonomy.Nodes.Count > taxonomy.Clusters.Count * 3);
        Assert.False(string.IsNullOrEmpty(taxonomy.Version));
    }

    [Theory]
    [InlineData("寻求跑鞋EVA中底超临界发泡工艺，回弹率60%以上", "shoes")]
    [InlineData("钠离子电池层状氧化物正极材料，用于储能电站", "new-energy")]
    [InlineData("印染废水深度处理与中水回用", "textiles-apparel")]
    public void Tag_FindsTheCluster(string text, string cluster)
    {
        var tags = new TaxonomyTagger().Tag(text, max: 5);
        Assert.Contains(tags, t => t.TagId == cluster || IndustryTaxonomy.Default.ClusterOf(t.TagId).Id == cluster);
        Assert.All(tags, t => Assert.InRange(t.Confidence, 0, 1));
        Assert.All(tags, t => Assert.NotEmpty(t.Evidence));
    }

    [Fact]
    public void Tag_UnrelatedText_ReturnsNothing() => Assert.Empty(new TaxonomyTagger().Tag("今天天气很好"));

    [Fact]
    public void FromJson_BadData_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => IndustryTaxonomy.FromJson("{ nope"));
        Assert.Throws<FormatException>(() => IndustryTaxonomy.FromJson("""{"nodes":[{"id":"a","name":"A","parent":"missing"}]}"""));
        Assert.Throws<FormatException>(() => IndustryTaxonomy.FromJson("""{"nodes":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}"""));
    }

    [Fact]
    public void Extend_AddsPortalNodes()
    {
        var merged = IndustryTaxonomy.Default.Extend("""{"version":"portal-1","nodes":[{"id":"shoes.smart-insoles","name":"智能鞋垫","parent":"shoes","keywords":["智能鞋垫","足压传感"]}]}""");
        Assert.EndsWith("+portal-1", merged.Version, StringComparison.Ordinal);
        Assert.Contains(new TaxonomyTagger(merged).Tag("足压传感智能鞋垫"), t => t.TagId == "shoes.smart-insoles");
    }

    [Fact]
    public void Classifier_LearnsLabelsAndCombinesWithKeywords()
    {
        (string, string)[] examples =
        [
            ("防水透气膜 跑鞋 鞋面", "shoes"), ("鞋底 发泡 中底 回弹", "shoes"), ("运动鞋 大底 耐磨", "shoes"),
            ("钠离子电池 正极", "new-energy"), ("光伏组件 回收", "new-energy"), ("储能 电池管理", "new-energy"),
        ];
        var classifier = TextCategoryClassifier.Train(examples);
        Assert.Equal(2, classifier.Labels.Count);
        Assert.Equal("shoes", classifier.Predict("跑鞋鞋面防水", top: 1)[0].TagId);
        var tags = new TaxonomyTagger(classifier: classifier).Tag("储能电站用钠离子电池");
        Assert.Equal("new-energy", tags[0].TagId);
        Assert.Throws<ArgumentException>(() => TextCategoryClassifier.Train([("文本", "only")]));
    }

    [Fact]
    public async Task MatchResults_CarryIndustryFacets()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForText("防水透气膜 鞋底发泡 钠离子电池", "quanzhou"), new MatchOptions { Top = 1 });
        Assert.True(results.IndustryFacets["shoes"] >= 2);
        Assert.Contains("new-energy", results.IndustryFacets.Keys);
    }
}
