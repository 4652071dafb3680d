using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Tests.Analysis;

public class DomainLexiconTests
{
    [Fact]
    public void Default_HasStarterTermsForQuanzhouIndustries()
    {
        Assert.True(DomainLexicon.Default.Count > 300);
        foreach (var term in new[] { "石墨烯", "鞋底发泡", "光伏组件", "钠离子电池", "数控机床", "具身智能" })
        {
            Assert.True(DomainLexicon.Default.Contains(term), term);
        }
    }

    [Fact]
    public void FromTerms_NormalisesTraditionalAndWidth()
    {
        var lexicon = DomainLexicon.FromTerms(["鞋底發泡", "ＴＰＵ膜"]);
        Assert.True(lexicon.Contains("鞋底发泡"));
        Assert.True(lexicon.Contains("tpu膜"));
    }

    [Theory]
    [InlineData("石")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三")]
    public void FromTerms_BadLength_Throws(string term) =>
        Assert.Throws<ArgumentException>(() => DomainLexicon.FromTerms([term]));

    [Fact]
    public void Load_ReadsFileSkippingComments()
    {
        var path = Path.Combine(TestFixtures.NewTempDirectory(), "lexicon.txt");
        File.WriteAllLines(path, ["# comment", "", "德化白瓷", "  藤铁工艺  "]);
        var lexicon = DomainLexicon.Load(path);
        Assert.Equal(2, lexicon.Count);
        Assert.True(lexicon.Contains("藤铁工艺"));
    }

    [Fact]
    public void Load_MissingFile_Throws() =>
        Assert.Throws<FileNotFoundException>(() => DomainLexicon.Load(Path.Combine(TestFixtures.NewTempDirectory(), "absent.txt")));
}
