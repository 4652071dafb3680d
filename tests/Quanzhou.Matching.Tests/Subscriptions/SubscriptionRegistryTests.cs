using Quanzhou.Matching.Indexing;
using Quanzhou.Matching.Subscriptions;

namespace Quanzhou.Matching.Tests.Subscriptions;

public class SubscriptionRegistryTests
{
    private static readonly TechAchievement GrapheneFilm = new("a-graphene", "石墨烯导热膜在运动鞋中底散热中的应用")
    {
        Description = "采用氧化石墨烯还原工艺制备高导热石墨烯膜，导热系数达到1200 W/(m·K)，贴合于运动鞋中底可降低足底温度3℃。",
        Keywords = ["石墨烯", "导热膜", "运动鞋"],
        Tenant = "quanzhou",
    };

    private static Subscription GrapheneInterest(string id = "s-graphene", string tenant = "quanzhou", double threshold = 0.3) =>
        new(id, tenant, "researcher-1", "石墨烯导热膜") { Threshold = threshold };

    private static Subscription TeaInterest() => new("s-tea", "quanzhou", "tea-maker", "铁观音做青品质在线检测");

    [Fact]
    public async Task FindMatchesAsync_MatchingAchievement_NotifiesOnlyTheRelatedSubscription()
    {
        var registry = new SubscriptionRegistry();
        registry.Register(GrapheneInterest());
        registry.Register(TeaInterest());

        var notifications = await registry.FindMatchesAsync(GrapheneFilm);

        var n = Assert.Single(notifications);
        Assert.Equal("s-graphene", n.SubscriptionId);
        Assert.Equal("researcher-1", n.Owner);
        Assert.Equal("a-graphene", n.DocumentId);
        Assert.Equal(DocumentKind.Achievement, n.DocumentKind);
        Assert.InRange(n.Score, 0.9, 1.0); // every term of the interest occurs in the document
        Assert.Contains(n.MatchedTerms, t => t.Contains("石墨", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindMatchesAsync_DocumentEqualToQuery_ScoresOne()
    {
        var registry = new SubscriptionRegistry();
        registry.Register(new Subscription("s", "t", "o", "低成本TPU防水透气膜连续化制备"));
        var document = new TechAchievement("a", "低成本TPU防水透气膜连续化制备") { Tenant = "t" };

        var n = Assert.Single(await registry.FindMatchesAsync(document));
        Assert.Equal(1.0, n.Score, 3);
    }

    [Fact]
    public async Task FindMatchesAsync_PartialMatch_RespectsThreshold()
    {
        var probe = new SubscriptionRegistry();
        probe.Register(new Subscription("probe", "quanzhou", "o", "石墨烯导热膜 锂电池负极材料 硅碳复合") { Threshold = 0.01 });
        var score = Assert.Single(await probe.FindMatchesAsync(GrapheneFilm)).Score;
        Assert.InRange(score, 0.1, 0.8); // only some of the terms occur

        var registry = new SubscriptionRegistry();
        registry.Register(new Subscription("at", "quanzhou", "o", "石墨烯导热膜 锂电池负极材料 硅碳复合") { Threshold = score });
        registry.Register(new Subscription("above", "quanzhou", "o", "石墨烯导热膜 锂电池负极材料 硅碳复合") { Threshold = Math.Min(1, score + 0.05) });
        var notifications = await registry.FindMatchesAsync(GrapheneFilm);
        Assert.Equal(["at"], notifications.Select(x => x.SubscriptionId));

        var floor = await registry.FindMatchesAsync(GrapheneFilm, new SubscriptionMatchOptions { MinScore = Math.Min(1, score + 0.05) });
        Assert.Empty(floor);
    }

    [Fact]
    public async Task FindMatchesAsync_OtherTenantsConfidentialDocument_NeverNotifies()
    {
        var registry = new SubscriptionRegistry();
        registry.Register(GrapheneInterest("s-a", tenant: "tenant-a"));
        registry.Register(GrapheneInterest("s-b", tenant: "tenant-b"));
        var confidentialOfB = new TechAchievement("a-secret", GrapheneFilm.Title) { Description = GrapheneFilm.Description, Tenant = "tenant-b", Visibility = Visibility.Confidential };
        var tenantOnlyOfB = new TechAchievement("a-internal", GrapheneFilm.Title) { Description = GrapheneFilm.Description, Tenant = "tenant-b", Visibility = Visibility.Tenant };
        var publicOfB = new TechAchievement("a-public", GrapheneFilm.Title) { Description = GrapheneFilm.Description, Tenant = "tenant-b" };

        Assert.Equal(["s-b"], (await registry.FindMatchesAsync(confidentialOfB)).Select(n => n.SubscriptionId));
        Assert.Equal(["s-b"], (await registry.FindMatchesAsync(tenantOnlyOfB)).Select(n => n.SubscriptionId));
        Assert.Equal(["s-a", "s-b"], (await registry.FindMatchesAsync(publicOfB)).Select(n => n.SubscriptionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindMatchesAsync_FiltersByKindTagAndRegion()
    {
        var registry = new SubscriptionRegistry();
        registry.Register(new Subscription("needs-only", "quanzhou", "o", "石墨烯导热膜") { TargetKinds = [DocumentKind.Need] });
        registry.Register(new Subscription("shoes", "quanzhou", "o", "石墨烯导热膜") { IndustryTags = ["shoes"] });
        registry.Register(new Subscription("jinjiang", "quanzhou", "o", "石墨烯导热膜") { Region = "350582" });
        var document = new TechAchievement("a", GrapheneFilm.Title) { Description = GrapheneFilm.Description, Tenant = "quanzhou", IndustryTags = ["shoes"], Region = "350583" };

        Assert.Equal(["shoes"], (await registry.FindMatchesAsync(document)).Select(n => n.SubscriptionId));
    }

    [Fact]
    public async Task FindMatchesAsync_SavedNeed_MatchesAchievementsNotNeeds()
    {
        var need = new TechNeed("n-heat", "寻求运动鞋中底散热石墨烯导热膜技术") { Description = "夏季跑鞋足底闷热，希望采用石墨烯导热膜降低中底温度。", Tenant = "quanzhou" };
        var registry = new SubscriptionRegistry();
        registry.Register(new Subscription("saved", "enterprise-7", need));
        var similarNeed = new TechNeed("n-other", need.Title) { Description = need.Description, Tenant = "quanzhou" };

        var hit = Assert.Single(await registry.FindMatchesAsync(GrapheneFilm));
        Assert.Equal("saved", hit.SubscriptionId);
        Assert.Equal("enterprise-7", hit.Owner);
        Assert.Empty(await registry.FindMatchesAsync(similarNeed));
    }

    [Fact]
    public async Task FindMatchesAsync_WithStatisticsIndex_WeightsRareTermsAboveCommonOnes()
    {
        using var index = LuceneMatchIndex.CreateInMemory();
        var filler = Enumerable.Range(0, 20).Select(i => new TechAchievement($"f{i}", $"鞋材工艺改进方案{i}") { Description = "鞋材生产工艺优化，提高良品率。", Tenant = "quanzhou" });
        await index.UpsertManyAsync(filler);
        var uniform = new SubscriptionRegistry();
        var weighted = new SubscriptionRegistry(new SubscriptionRegistryOptions { StatisticsIndex = index });
        foreach (var r in new[] { uniform, weighted })
        {
            r.Register(new Subscription("s", "quanzhou", "o", "鞋材 石墨烯") { Threshold = 0.01 });
        }

        var document = new TechAchievement("d", "石墨烯改性材料") { Tenant = "quanzhou" }; // contains the rare term only
        var uniformScore = Assert.Single(await uniform.FindMatchesAsync(document)).Score;
        var weightedScore = Assert.Single(await weighted.FindMatchesAsync(document)).Score;
        Assert.True(weightedScore > uniformScore, $"idf-weighted {weightedScore} should exceed uniform {uniformScore}");
    }

    [Fact]
    public async Task ConcurrentRegisterAndFind_IsSafeAndDeterministic()
    {
        var registry = new SubscriptionRegistry();
        registry.Register(GrapheneInterest());
        var tasks = Enumerable.Range(0, 6).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                registry.Register(new Subscription($"s-{t}-{i}", "quanzhou", $"owner-{t}", i % 2 == 0 ? "石墨烯导热膜 运动鞋" : "铁观音做青"));
                var found = await registry.FindMatchesAsync(GrapheneFilm);
                Assert.Contains(found, n => n.SubscriptionId == "s-graphene");
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.Equal(91, registry.Count);
        var first = await registry.FindMatchesAsync(GrapheneFilm);
        var second = await registry.FindMatchesAsync(GrapheneFilm);
        Assert.Equal(1 + (6 * 8), first.Count); // s-graphene + the even-numbered graphene interests
        Assert.Equal(first.Select(n => (n.SubscriptionId, n.Score)), second.Select(n => (n.SubscriptionId, n.Score)));
        Assert.Equal(first.OrderByDescending(n => n.Score).ThenBy(n => n.SubscriptionId, StringComparer.Ordinal).Select(n => n.SubscriptionId), first.Select(n => n.SubscriptionId));
    }

    [Fact]
    public async Task ExportImport_RoundTripsEverySubscription()
    {
        var need = new TechNeed("n-1", "寻求运动鞋中底散热技术")
        {
            Description = "跑鞋足底闷热。", Keywords = ["散热"], IndustryTags = ["shoes"], Region = "350582", Maturity = Maturity.Parse("中试"),
            Budget = new MoneyRange(100000, 500000), CooperationModes = CooperationModes.JointDevelopment | CooperationModes.Transfer, Tenant = "quanzhou",
            Attributes = new Dictionary<string, string> { ["contact"] = "张工" },
        };
        var registry = new SubscriptionRegistry();
        registry.Register(new Subscription("saved-need", "enterprise-1", need) { Threshold = 0.25, CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)) });
        registry.Register(new Subscription("interest", "quanzhou", "researcher-1", "石墨烯导热膜") { TargetKinds = [DocumentKind.Need], IndustryTags = ["New-Materials"], Region = "350500", Threshold = 0.6 });
        var writer = new StringWriter();
        await registry.ExportAsync(writer);

        var copy = new SubscriptionRegistry();
        var result = await copy.ImportAsync(new StringReader(writer.ToString()));

        Assert.Equal(2, result.Imported);
        Assert.Empty(result.Errors);
        var savedNeed = copy.Get("saved-need")!;
        Assert.Equal(SubscriptionKind.SavedNeed, savedNeed.Kind);
        Assert.Equal(0.25, savedNeed.Threshold);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), savedNeed.CreatedAt);
        Assert.Equal(need.GetSearchText(), savedNeed.Text);
        Assert.Equal(need.Budget, savedNeed.Need!.Budget);
        Assert.Equal(need.Maturity, savedNeed.Need.Maturity);
        Assert.Equal(need.CooperationModes, savedNeed.Need.CooperationModes);
        Assert.Equal("张工", savedNeed.Need.Attributes["contact"]);
        var interest = copy.Get("interest")!;
        Assert.Equal([DocumentKind.Need], interest.TargetKinds);
        Assert.Equal(["new-materials"], interest.IndustryTags);
        Assert.Equal("350500", interest.Region);
        Assert.Equal("石墨烯导热膜", interest.Text);
        var again = new StringWriter();
        await copy.ExportAsync(again);
        Assert.Equal(writer.ToString(), again.ToString());
    }

    [Fact]
    public async Task ImportAsync_BadLines_AreRejectedWithTheirLineNumbers()
    {
        var lines = string.Join('\n',
            """{"id":"ok-1","kind":"interest","tenant":"t","owner":"o","text":"石墨烯"}""",
            """{"id":"bad-json","kind":""",
            "",
            """{"id":"bad-threshold","kind":"interest","tenant":"t","owner":"o","text":"x","threshold":1.5}""",
            """{"id":"no-text","kind":"interest","tenant":"t","owner":"o"}""",
            """{"id":"ok-2","kind":"interest","tenant":"t","owner":"o","text":"导热膜"}""");
        var registry = new SubscriptionRegistry();

        var result = await registry.ImportAsync(new StringReader(lines));

        Assert.Equal(2, result.Imported);
        Assert.Equal(3, result.Errors.Count);
        Assert.StartsWith("line 2:", result.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", result.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("line 5:", result.Errors[2], StringComparison.Ordinal);
        Assert.Contains("text", result.Errors[2], StringComparison.Ordinal);
        Assert.NotNull(registry.Get("ok-2"));
        Assert.Null(registry.Get("bad-threshold"));
    }

    [Fact]
    public async Task Arguments_AreValidated()
    {
        var registry = new SubscriptionRegistry();
        await Assert.ThrowsAsync<ArgumentNullException>(() => registry.FindMatchesAsync(null!));
        Assert.Throws<ArgumentNullException>(() => registry.Register(null!));
        Assert.Throws<ArgumentException>(() => registry.Remove(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subscription("s", "t", "o", "x") { Threshold = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subscription("s", "t", "o", "x") { Threshold = 1.01 });
        Assert.Throws<ArgumentException>(() => new Subscription("s", "t", "o", "x") { TargetKinds = [] });
        Assert.Throws<ArgumentException>(() => new Subscription("s", "t", "o", " "));
        Assert.Throws<ArgumentException>(() => new Subscription("bad id", "t", "o", "x"));
        Assert.Throws<ArgumentNullException>(() => new Subscription("s", "o", (TechNeed)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubscriptionMatchOptions { Top = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubscriptionMatchOptions { MinScore = double.NaN });
        await Assert.ThrowsAsync<ArgumentNullException>(() => registry.ImportAsync(null!));
    }

    [Fact]
    public void RegisterRemoveGet_ReplaceById()
    {
        var registry = new SubscriptionRegistry();
        registry.Register(GrapheneInterest(threshold: 0.3));
        registry.Register(GrapheneInterest(threshold: 0.7));
        Assert.Equal(1, registry.Count);
        Assert.Equal(0.7, registry.Get("s-graphene")!.Threshold);
        Assert.Single(registry.GetAll("quanzhou"));
        Assert.Empty(registry.GetAll("other"));
        Assert.True(registry.Remove("s-graphene"));
        Assert.False(registry.Remove("s-graphene"));
        Assert.Null(registry.Get("s-graphene"));
    }
}
