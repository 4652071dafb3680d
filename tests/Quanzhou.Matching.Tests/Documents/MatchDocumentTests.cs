namespace Quanzhou.Matching.Tests.Documents;

public class MatchDocumentTests
{
    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("id\u0000x")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BadId_ThrowsArgumentException(string id) =>
        Assert.ThrowsAny<ArgumentException>(() => new TechNeed(id, "标题"));

    [Fact]
    public void Constructor_HugeId_Throws() =>
        Assert.Throws<ArgumentException>(() => new TechAchievement(new string('a', 129), "标题"));

    [Fact]
    public void Tenant_PathLike_Throws() =>
        Assert.Throws<ArgumentException>(() => new TechNeed("n1", "标题") { Tenant = "../other" });

    [Fact]
    public void Description_TooLong_Throws() =>
        Assert.Throws<ArgumentException>(() => new TechNeed("n1", "标题") { Description = new string('字', MatchDocument.MaxDescriptionLength + 1) });

    [Fact]
    public void Lists_AreCopiedAndBlankEntriesDropped()
    {
        var keywords = new List<string> { "防水", " ", "透气" };
        var need = new TechNeed("n1", "标题") { Keywords = keywords, IndustryTags = ["Shoes", "shoes"] };
        keywords.Add("后加");
        Assert.Equal(["防水", "透气"], need.Keywords);
        Assert.Equal(["shoes"], need.IndustryTags);
    }

    [Fact]
    public void GetSearchText_JoinsTitleKeywordsAndDescription()
    {
        var a = new TechAchievement("a1", "标题") { Keywords = ["甲", "乙"], Description = "正文" };
        Assert.Equal("标题\n甲 乙\n正文", a.GetSearchText());
    }

    [Fact]
    public void IsVisibleTo_RespectsVisibilityAndTenant()
    {
        var secret = new TechAchievement("a1", "标题") { Tenant = "b", Visibility = Visibility.Confidential };
        Assert.True(secret.IsVisibleTo("b"));
        Assert.False(secret.IsVisibleTo("a"));
        Assert.True(new TechAchievement("a2", "标题") { Tenant = "b" }.IsVisibleTo("a"));
    }
}

public class MaturityTests
{
    [Theory]
    [InlineData("TRL6", 6)]
    [InlineData("trl 3", 3)]
    [InlineData("9", 9)]
    [InlineData("实验室", 3)]
    [InlineData("小试", 4)]
    [InlineData("中试", 6)]
    [InlineData("中試", 6)]
    [InlineData("产业化", 8)]
    public void Parse_KnownForms(string text, int level) => Assert.Equal(level, Maturity.Parse(text).Level);

    [Theory]
    [InlineData("TRL10")]
    [InlineData("0")]
    [InlineData("成熟")]
    [InlineData("")]
    public void Parse_Unknown_Throws(string text) => Assert.Throws<ArgumentException>(() => Maturity.Parse(text));

    [Fact]
    public void Stage_FollowsLevel()
    {
        Assert.Equal("中试", Maturity.FromTrl(7).Stage);
        Assert.True(Maturity.FromTrl(8) > Maturity.FromTrl(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Maturity.FromTrl(10));
    }
}

public class MoneyRangeTests
{
    [Fact]
    public void Constructor_Validates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MoneyRange(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MoneyRange(20, 10));
        Assert.Throws<ArgumentException>(() => new MoneyRange(null, null));
    }

    [Fact]
    public void Overlaps_HandlesOpenBounds()
    {
        Assert.True(new MoneyRange(100, 200).Overlaps(new MoneyRange(150, null)));
        Assert.False(new MoneyRange(100, 200).Overlaps(new MoneyRange(201, 300)));
        Assert.True(new MoneyRange(null, 50).Overlaps(new MoneyRange(0, 10)));
    }
}

public class CooperationModeNamesTests
{
    [Theory]
    [InlineData("转让", CooperationModes.Transfer)]
    [InlineData("许可", CooperationModes.License)]
    [InlineData("作价入股", CooperationModes.EquityInvestment)]
    [InlineData("合作开发", CooperationModes.JointDevelopment)]
    [InlineData("技术服务", CooperationModes.TechnicalService)]
    [InlineData("License", CooperationModes.License)]
    public void Parse_KnownNames(string name, CooperationModes mode) => Assert.Equal(mode, CooperationModeNames.Parse(name));

    [Fact]
    public void Parse_Unknown_Throws() => Assert.Throws<ArgumentException>(() => CooperationModeNames.Parse("赠送"));

    [Fact]
    public void ToChinese_ListsFlags() =>
        Assert.Equal(["转让", "技术服务"], CooperationModeNames.ToChinese(CooperationModes.Transfer | CooperationModes.TechnicalService));
}

public class MatchOptionsTests
{
    [Fact]
    public void Defaults_AreDocumented()
    {
        var o = new MatchOptions();
        Assert.Equal(20, o.Top);
        Assert.Equal(0, o.Skip);
        Assert.Equal(100, o.CandidatePoolSize);
        Assert.True(o.IncludeExplanations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Top_OutOfRange_Throws(int top) => Assert.Throws<ArgumentOutOfRangeException>(() => new MatchOptions { Top = top });

    [Fact]
    public void Skip_Negative_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new MatchOptions { Skip = -1 });

    [Fact]
    public void Request_BadTenant_Throws() => Assert.Throws<ArgumentException>(() => MatchRequest.ForText("防水", tenant: "a/b"));
}
