using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.Tests.Matching;

public class MatchEngineTests
{
    public static TheoryData<string> Rankers => ["bm25", "learned"];

    private static IMatchRanker Ranker(string name) => name == "bm25" ? Bm25MatchRanker.Instance : LearnedMatchRanker.Default;

    [Theory]
    [MemberData(nameof(Rankers))]
    public async Task MatchAsync_NeedById_FindsAnsweringAchievementAndExpert(string ranker)
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Ranker(ranker));
        var results = await engine.MatchAsync(MatchRequest.ForId("n-membrane", "quanzhou"));
        Assert.Equal("a-membrane", results.Items.First(r => r.Kind == DocumentKind.Achievement).Id);
        Assert.Equal("e-shoes", results.Items.First(r => r.Kind == DocumentKind.Expert).Id);
        Assert.DoesNotContain(results.Items, r => r.Kind == DocumentKind.Need);
        Assert.Equal(Enumerable.Range(1, results.Items.Count), results.Items.Select(r => r.Rank));
    }

    [Fact]
    public async Task MatchAsync_AchievementById_FindsNeeds()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForId("a-sodium", "quanzhou"));
        Assert.All(results.Items, r => Assert.Equal(DocumentKind.Need, r.Kind));
        Assert.Equal("n-battery", results.Items[0].Id);
    }

    [Fact]
    public async Task MatchAsync_ExpertById_FindsNeeds()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForId("e-energy", "quanzhou"));
        Assert.Equal("n-battery", results.Items[0].Id);
    }

    [Fact]
    public async Task MatchAsync_ConfidentialOfOtherTenant_NeverReturned()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var mine = await engine.MatchAsync(MatchRequest.ForText("防水透气膜配方", "quanzhou"), new MatchOptions { Top = 100 });
        Assert.DoesNotContain(mine.Items, r => r.Id == "a-secret");
        var theirs = await engine.MatchAsync(MatchRequest.ForText("防水透气膜配方", "othercity"), new MatchOptions { Top = 100 });
        Assert.Contains(theirs.Items, r => r.Id == "a-secret");
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => engine.MatchAsync(MatchRequest.ForId("a-secret", "quanzhou")));
    }

    [Fact]
    public async Task MatchAsync_Filters_ByIndustryRegionAndMaturity()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index, Bm25MatchRanker.Instance);
        var request = MatchRequest.ForText("材料 技术 工艺 废水 电池 膜 发泡 机床", "quanzhou");

        var shoes = await engine.MatchAsync(request, new MatchOptions { IndustryTags = ["shoes"], Kinds = [DocumentKind.Achievement] });
        Assert.NotEmpty(shoes.Items);
        Assert.All(shoes.Items, r => Assert.Contains("shoes", r.Document.IndustryTags));

        var shishi = await engine.MatchAsync(request, new MatchOptions { Regions = ["350581"], Kinds = [DocumentKind.Achievement] });
        Assert.All(shishi.Items, r => Assert.Equal("350581", r.Document.Region));
        Assert.Contains(shishi.Items, r => r.Id == "a-dye");

        var mature = await engine.MatchAsync(request, new MatchOptions { MinMaturity = Maturity.Parse("产业化"), Kinds = [DocumentKind.Achievement] });
        Assert.NotEmpty(mature.Items);
        Assert.All(mature.Items, r => Assert.True(r.Document.Maturity!.Value.Level >= 8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("AND OR NOT")]
    [InlineData("*")]
    [InlineData("/")]
    [InlineData("\"防水")]
    [InlineData("防水~ title:膜 \\ (透气")]
    [InlineData("的 和 与")]
    public async Task MatchAsync_QuerySyntaxOrEmptyText_IsHarmless(string text)
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForText(text, "quanzhou"));
        Assert.NotNull(results);
        Assert.All(results.Items, r => Assert.True(double.IsFinite(r.Score)));
    }

    [Fact]
    public async Task MatchAsync_ManyTerms_DoesNotHitClauseLimit()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var text = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"词{i}")) + " 防水透气膜";
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForText(text, "quanzhou"));
        Assert.Contains(results.Items, r => r.Id == "a-membrane");
    }

    [Fact]
    public async Task MatchAsync_Explanations_NameMatchedTermsWithSnippetAndReasons()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForId("n-membrane", "quanzhou"));
        var top = results.Items.First(r => r.Id == "a-membrane");
        var explanation = Assert.IsType<MatchExplanation>(top.Explanation);
        Assert.Contains("防水透气膜", explanation.MatchedTerms);
        Assert.Contains("<em>防水透气膜</em>", explanation.Snippet, StringComparison.Ordinal);
        Assert.Contains(explanation.Reasons, r => r.Contains("same industry", StringComparison.Ordinal));
        Assert.Contains(explanation.Reasons, r => r.Contains("same region", StringComparison.Ordinal));
        Assert.Contains(explanation.Reasons, r => r.Contains("maturity meets", StringComparison.Ordinal));
        Assert.Contains(explanation.Reasons, r => r.Contains("price fits", StringComparison.Ordinal));
        Assert.NotEmpty(explanation.Contributions);
    }

    [Fact]
    public async Task MatchAsync_WithoutExplanations_ReturnsNone()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForText("钠离子电池", "quanzhou"), new MatchOptions { IncludeExplanations = false });
        Assert.All(results.Items, r => Assert.Null(r.Explanation));
    }

    [Fact]
    public async Task MatchAsync_Paging_KeepsRanks()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        var request = MatchRequest.ForText("材料 技术 膜 电池 废水", "quanzhou");
        var all = await engine.MatchAsync(request, new MatchOptions { Top = 6 });
        var page2 = await engine.MatchAsync(request, new MatchOptions { Top = 3, Skip = 3 });
        Assert.Equal(all.Items.Skip(3).Select(r => r.Id), page2.Items.Select(r => r.Id));
        Assert.Equal([4, 5, 6], page2.Items.Select(r => r.Rank));
    }

    [Fact]
    public async Task MatchAsync_DraftDocument_IsNotReturnedAsItsOwnMatch()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var draft = new TechAchievement("a-membrane", "防水透气膜") { Tenant = "quanzhou" };
        var results = await new MatchEngine(index).MatchAsync(MatchRequest.ForDocument(draft), new MatchOptions { Kinds = [DocumentKind.Achievement] });
        Assert.DoesNotContain(results.Items, r => r.Id == "a-membrane");
    }

    [Fact]
    public async Task MatchAsync_NullRequest_Throws()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        await Assert.ThrowsAsync<ArgumentNullException>(() => new MatchEngine(index).MatchAsync(null!));
    }

    [Fact]
    public async Task MatchAsync_Concurrent_GivesSameScoresAsSingleThreaded()
    {
        using var index = await TestFixtures.CreateIndexAsync();
        var engine = new MatchEngine(index);
        string[] texts = ["防水透气膜", "钠离子电池储能", "印染废水回用", "鞋底发泡中底", "数控机床热误差"];
        var expected = new Dictionary<string, double[]>();
        foreach (var t in texts)
        {
            expected[t] = (await engine.MatchAsync(MatchRequest.ForText(t, "quanzhou"))).Items.Select(r => r.Score).ToArray();
        }

        await Parallel.ForAsync(0, 100, async (i, ct) =>
        {
            var t = texts[i % texts.Length];
            var scores = (await engine.MatchAsync(MatchRequest.ForText(t, "quanzhou"), null, ct)).Items.Select(r => r.Score).ToArray();
            Assert.Equal(expected[t], scores);
        });
    }
}
