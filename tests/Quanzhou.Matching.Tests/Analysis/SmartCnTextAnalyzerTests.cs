using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Tests.Analysis;

public class SmartCnTextAnalyzerTests
{
    private static readonly SmartCnTextAnalyzer Analyzer = SmartCnTextAnalyzer.Default;

    private static string[] Words(string text) => Analyzer.Analyze(text).Select(t => t.Term).ToArray();

    [Theory]
    [InlineData("本项目研究石墨烯导热膜", "石墨烯")]
    [InlineData("具身智能机器人灵巧手", "具身智能")]
    [InlineData("碳纤维增强复合材料的制备", "碳纤维增强复合材料")]
    [InlineData("高效光伏组件回收", "光伏组件")]
    [InlineData("低成本钠离子电池正极", "钠离子电池")]
    [InlineData("运动鞋鞋底发泡工艺", "鞋底发泡")]
    [InlineData("五轴数控机床热误差", "数控机床")]
    public void Analyze_LexiconTerms_AreWholeTokens(string text, string term) => Assert.Contains(term, Words(text));

    [Fact]
    public void Analyze_WithoutLexicon_SmartCnSplitsTheTerm()
    {
        using var plain = new SmartCnTextAnalyzer(new TextAnalyzerOptions { Lexicon = DomainLexicon.Empty });
        Assert.DoesNotContain("石墨烯", plain.Analyze("石墨烯导热膜").Select(t => t.Term));
    }

    [Fact]
    public void Analyze_HostLexicon_AddsTerms()
    {
        using var custom = new SmartCnTextAnalyzer(new TextAnalyzerOptions { Lexicon = DomainLexicon.Default.WithTerms(["安溪铁观音茶"]) });
        Assert.Contains("安溪铁观音茶", custom.Analyze("安溪铁观音茶加工").Select(t => t.Term));
    }

    [Theory]
    [InlineData("抗压强度35MPa以上", "35mpa")]
    [InlineData("支持5G和WiFi", "5g")]
    [InlineData("厚度0.12mm的薄膜", "0.12mm")]
    public void Analyze_NumbersWithUnits_StayWhole(string text, string token) => Assert.Contains(token, Words(text));

    [Fact]
    public void Analyze_RemovesStopwords()
    {
        var words = Words("本成果的技术和方法");
        Assert.DoesNotContain("的", words);
        Assert.DoesNotContain("和", words);
        Assert.DoesNotContain("本成果", words);
    }

    [Fact]
    public void Analyze_TraditionalAndSimplified_GiveSameTokens()
    {
        Assert.Equal(Words("鞋底发泡与纤维织物"), Words("鞋底發泡與纖維織物"));
        Assert.Equal(Words("tpu防水透气膜"), Words("ＴＰＵ防水透氣膜"));
    }

    [Fact]
    public void Analyze_HostileCharacters_ProduceNoControlOrSurrogateTokens()
    {
        var text = "石墨烯\u0000\u200B😀\uD800<script>x</script>\u202E防水膜\u0007";
        foreach (var mode in new[] { TextAnalysisMode.Words, TextAnalysisMode.Bigrams })
        {
            var tokens = Analyzer.Analyze(text, mode);
            Assert.NotEmpty(tokens);
            Assert.All(tokens, t => Assert.DoesNotContain(t.Term, c => char.IsControl(c) || char.IsSurrogate(c) || c == '\u200B'));
        }
    }

    [Fact]
    public void Analyze_Bigrams_AreOverlappingCharacterPairs()
    {
        var bigrams = Analyzer.Analyze("防水透气", TextAnalysisMode.Bigrams).Select(t => t.Term).ToArray();
        Assert.Equal(["防水", "水透", "透气"], bigrams);
    }

    [Fact]
    public void Analyze_Offsets_PointIntoNormalizedText()
    {
        const string text = "跑鞋用防水透气膜";
        var normalized = Analyzer.Normalize(text);
        foreach (var token in Analyzer.Analyze(text))
        {
            Assert.Equal(token.Term, normalized[token.StartOffset..token.EndOffset]);
        }
    }

    [Fact]
    public void Analyze_Null_Throws() => Assert.Throws<ArgumentNullException>(() => Analyzer.Analyze(null!));

    [Fact]
    public void Analyze_IsThreadSafe()
    {
        const string text = "晋江鞋服企业寻求低成本防水透气膜和鞋底发泡技术";
        var expected = Words(text);
        Parallel.For(0, 200, _ => Assert.Equal(expected, Words(text)));
    }
}
