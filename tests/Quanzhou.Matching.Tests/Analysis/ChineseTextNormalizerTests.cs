using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Tests.Analysis;

public class ChineseTextNormalizerTests
{
    private static readonly ChineseTextNormalizer Normalizer = ChineseTextNormalizer.Default;

    [Theory]
    [InlineData("ＴＰＵ防水膜", "tpu防水膜")]
    [InlineData("３５ＭＰａ", "35mpa")]
    [InlineData("５Ｇ基站", "5g基站")]
    [InlineData("鞋底發泡技術", "鞋底发泡技术")]
    [InlineData("纖維織物", "纤维织物")]
    [InlineData("  多个   空格\t\n分隔 ", "多个 空格 分隔")]
    public void Normalize_FoldsWidthCaseAndTraditional(string input, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(input));

    [Fact]
    public void Normalize_StripsControlZeroWidthBidiAndLoneSurrogates()
    {
        var input = "石墨\u200B烯\u0000导\u202E热\uFEFF膜\uD800结束\uDC00";
        var output = Normalizer.Normalize(input);
        Assert.Equal("石墨烯 导热膜结束", output); // control characters separate words; zero-width and bidi marks and lone surrogates (as U+FFFD) vanish
        Assert.DoesNotContain(output, char.IsSurrogate);
        Assert.DoesNotContain(output, char.IsControl);
    }

    [Fact]
    public void Normalize_RemovesMarkupScriptsAndEntities()
    {
        var output = Normalizer.Normalize("<p>防水<b>透气</b>膜</p><script>alert('x')</script>&lt;br&gt;鞋面");
        Assert.DoesNotContain("<", output, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", output, StringComparison.Ordinal);
        Assert.Contains("防水", output, StringComparison.Ordinal);
        Assert.Contains("鞋面", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_ReplacesEmojiWithSpace()
    {
        var output = Normalizer.Normalize("跑鞋😀防水");
        Assert.Equal("跑鞋 防水", output);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_EmptyOrNull_ReturnsEmpty(string? input) => Assert.Equal(string.Empty, Normalizer.Normalize(input));

    [Fact]
    public void Normalize_IsIdempotent()
    {
        const string input = "ＴＰＵ鞋底發泡<br>３５ＭＰａ\u200B😀";
        var once = Normalizer.Normalize(input);
        Assert.Equal(once, Normalizer.Normalize(once));
    }
}
