using Quanzhou.Matching.Templates;

namespace Quanzhou.Matching.Tests.Templates;

public class NeedTemplatesTests
{
    [Fact]
    public void Evaluate_CompleteShoeNeed_HasHighScore()
    {
        var need = (TechNeed)TestFixtures.Documents.Single(d => d.Id == "n-membrane");
        var result = NeedTemplates.Evaluate(need);
        Assert.Equal("shoes", result.Template.IndustryId);
        Assert.Contains(result.Present, f => f.Key == "performanceTarget");
        Assert.Contains(result.Present, f => f.Key == "budget");
        Assert.Contains(result.Present, f => f.Key == "timeline");
        Assert.True(result.Score >= 0.6, $"score {result.Score}");
    }

    [Fact]
    public void Evaluate_VagueNeed_NamesMissingFieldsWithPrompts()
    {
        var need = new TechNeed("n", "寻求鞋子相关技术") { IndustryTags = ["shoes"] };
        var result = NeedTemplates.Evaluate(need);
        Assert.True(result.Score < 0.3, $"score {result.Score}");
        Assert.Contains(result.Missing, f => f.Key == "performanceTarget");
        Assert.Contains(result.Missing, f => f.Key == "budget");
        Assert.All(result.Missing, f => Assert.False(string.IsNullOrWhiteSpace(f.Prompt)));
    }

    [Fact]
    public void Evaluate_StructuredAttributes_CountAsPresent()
    {
        var need = new TechNeed("n", "需求") { IndustryTags = ["textiles-apparel"], Attributes = new Dictionary<string, string> { ["material"] = "再生涤纶", ["scale"] = "年产500吨" } };
        var result = NeedTemplates.Evaluate(need);
        Assert.Contains(result.Present, f => f.Key == "material");
        Assert.Contains(result.Present, f => f.Key == "scale");
    }

    [Fact]
    public void For_UnknownIndustry_UsesGenericTemplate() =>
        Assert.Equal("*", NeedTemplates.For(new TechNeed("n", "x") { IndustryTags = ["crafts"] }).IndustryId);
}
