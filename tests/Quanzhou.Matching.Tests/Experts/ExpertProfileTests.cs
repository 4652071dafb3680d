using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Serialization;

namespace Quanzhou.Matching.Tests.Experts;

public class ExpertProfileTests
{
    [Fact]
    public void AchievementIds_InvalidId_ThrowsNamingTheProperty()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ExpertProfile("e", "张三") { AchievementIds = ["ach-1", "bad id"] });
        Assert.Equal(nameof(ExpertProfile.AchievementIds), ex.ParamName);
    }

    [Fact]
    public void AchievementIds_TooMany_Throws() =>
        Assert.Throws<ArgumentException>(() => new ExpertProfile("e", "张三") { AchievementIds = Enumerable.Range(0, MatchDocument.MaxListCount + 1).Select(i => $"a-{i}").ToArray() });

    [Fact]
    public void Init_DuplicatesAndBlanks_AreNormalised()
    {
        var expert = new ExpertProfile("e", "张三") { AchievementIds = ["a-1", "a-2", "a-1"], Skills = ["发泡", " ", "成膜"], ServiceChain = "  " };
        Assert.Equal(["a-1", "a-2"], expert.AchievementIds);
        Assert.Equal(["发泡", "成膜"], expert.Skills);
        Assert.Null(expert.ServiceChain);
    }

    [Fact]
    public void GetSearchText_AddsNewSkillsAndServiceChain()
    {
        var expert = new ExpertProfile("e", "张三") { Keywords = ["发泡"], Skills = ["发泡", "成膜"], ServiceChain = "晋江鞋服产业链" };
        var text = expert.GetSearchText();
        Assert.Contains("成膜", text, StringComparison.Ordinal);
        Assert.Contains("晋江鞋服产业链", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("发泡").Length - 1); // a skill already among the keywords is not repeated
    }

    [Fact]
    public void Json_NewFields_AreRead()
    {
        var record = MatchDocumentJson.Parse("""{"kind":"expert","id":"e1","title":"王五","achievementIds":["a-1","a-2"],"skills":["发泡"],"serviceChain":"南安水暖产业链"}""");
        var expert = Assert.IsType<ExpertProfile>(record.Document);
        Assert.Equal(["a-1", "a-2"], expert.AchievementIds);
        Assert.Equal(["发泡"], expert.Skills);
        Assert.Equal("南安水暖产业链", expert.ServiceChain);
    }

    [Fact]
    public void Json_ServiceChainInAttributes_IsReadWhenPropertyAbsent()
    {
        var record = MatchDocumentJson.Parse("""{"kind":"expert","id":"e1","title":"王五","attributes":{"serviceChain":"晋江鞋服产业链"}}""");
        Assert.Equal("晋江鞋服产业链", Assert.IsType<ExpertProfile>(record.Document).ServiceChain);
    }

    [Fact]
    public void Json_InvalidAchievementId_IsReportedNotThrown()
    {
        var record = MatchDocumentJson.Parse("""{"kind":"expert","id":"e1","title":"王五","achievementIds":["a 1"]}""", lineNumber: 7);
        Assert.Null(record.Document);
        Assert.Contains("line 7", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_RoundTrip_KeepsExpertFieldsAndChallengeFlag()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        var expert = new ExpertProfile("e1", "王五") { AchievementIds = ["a-1", "a-2"], Skills = ["发泡", "成膜"], ServiceChain = "晋江鞋服产业链", Description = "鞋底发泡" };
        var need = new TechNeed("n1", "揭榜挂帅:鞋底发泡") { IsChallenge = true };
        await index.UpsertManyAsync([expert, need]);

        var storedExpert = Assert.IsType<ExpertProfile>(await index.GetAsync("e1", MatchDocument.DefaultTenant));
        Assert.Equal(expert.AchievementIds, storedExpert.AchievementIds);
        Assert.Equal(expert.Skills, storedExpert.Skills);
        Assert.Equal(expert.ServiceChain, storedExpert.ServiceChain);
        Assert.True(Assert.IsType<TechNeed>(await index.GetAsync("n1", MatchDocument.DefaultTenant)).IsChallenge);
    }

    [Fact]
    public void Fixture_ChallengeFlag_IsRead()
    {
        Assert.True(((TechNeed)ExpertFixtures.Get("n-membrane")).IsChallenge);
        Assert.False(((TechNeed)ExpertFixtures.Get("n-plain")).IsChallenge);
    }
}
